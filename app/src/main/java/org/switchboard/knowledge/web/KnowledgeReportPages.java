package org.switchboard.knowledge.web;

import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.KnowledgeFeedback;
import org.switchboard.knowledge.KnowledgeProposals;
import org.switchboard.knowledge.internal.KnowledgeFlowsProperties;
import org.switchboard.platform.ConflictException;

/**
 * Staff pages on how knowledge performs: a flow version's completion and drop-off per step, the
 * knowledge-gaps report, and the proposals editors review.
 */
@Controller
class KnowledgeReportPages {

    private final GuidedFlows flows;
    private final KnowledgeFeedback feedback;
    private final KnowledgeProposals proposals;
    private final Articles articles;
    private final KnowledgeFlowsProperties properties;

    KnowledgeReportPages(
            GuidedFlows flows,
            KnowledgeFeedback feedback,
            KnowledgeProposals proposals,
            Articles articles,
            KnowledgeFlowsProperties properties) {
        this.flows = flows;
        this.feedback = feedback;
        this.proposals = proposals;
        this.articles = articles;
        this.properties = properties;
    }

    @GetMapping("/knowledge/flows/{id}/report")
    String flowReport(@PathVariable String id, @RequestParam(required = false) Integer version, Model model) {
        FlowId flowId = FlowId.parse(id);
        model.addAttribute("report", flows.report(flowId, version));
        model.addAttribute("versions", flows.get(flowId).versions());
        model.addAttribute("idleMinutes", properties.idleAfter().toMinutes());
        return "knowledge/flows/report";
    }

    @GetMapping("/knowledge/gaps")
    String gaps(@RequestParam(required = false) Integer days, Model model) {
        int window = days == null || days < 1 || days > 3650
                ? (int) properties.gapWindow().toDays()
                : days;
        model.addAttribute("days", window);
        model.addAttribute("gaps", feedback.gaps(Instant.now().minus(Duration.ofDays(window)), 200));
        return "knowledge/gaps";
    }

    @GetMapping("/knowledge/proposals")
    String proposals(@RequestParam(required = false) String status, Model model) {
        String shown = status == null || status.isBlank() ? "open" : status;
        model.addAttribute("status", shown);
        model.addAttribute("proposals", proposals.list(shown, 200));
        model.addAttribute("editor", articles.isEditor(Actors.current()));
        return "knowledge/proposals";
    }

    @PostMapping("/knowledge/proposals/{id}/decision")
    String decide(
            @PathVariable String id,
            @RequestParam String decision,
            @RequestParam(required = false) String note,
            RedirectAttributes redirect) {
        Actor actor = Actors.current();
        try {
            proposals.decide(id, "accept".equals(decision), note, actor);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/knowledge/proposals";
    }
}
