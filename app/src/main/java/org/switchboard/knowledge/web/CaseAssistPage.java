package org.switchboard.knowledge.web;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.CaseArticles;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.FlowSummary;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.KnowledgeFeedback;
import org.switchboard.knowledge.KnowledgeHit;
import org.switchboard.knowledge.KnowledgeProposals;
import org.switchboard.knowledge.internal.FlowEndings;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;

/**
 * The knowledge block of the case page ({@code templates/knowledge/assist.html}): suggested articles for
 * the latest customer message with one-click insert into the reply, the guided flow being run on the
 * case, and a proposal form. Every action answers the re-rendered block (htmx {@code outerHTML}); an
 * insert also sends the text to the composer through an {@code HX-Trigger} event.
 */
@Controller
class CaseAssistPage {

    private final Cases cases;
    private final CaseArticles caseArticles;
    private final GuidedFlows flows;
    private final FlowEndings endings;
    private final KnowledgeProposals proposals;
    private final KnowledgeFeedback feedback;

    CaseAssistPage(
            Cases cases,
            CaseArticles caseArticles,
            GuidedFlows flows,
            FlowEndings endings,
            KnowledgeProposals proposals,
            KnowledgeFeedback feedback) {
        this.cases = cases;
        this.caseArticles = caseArticles;
        this.flows = flows;
        this.endings = endings;
        this.proposals = proposals;
        this.feedback = feedback;
    }

    @GetMapping("/knowledge/cases/{caseId}/assist")
    String block(@PathVariable String caseId, Model model) {
        return render(cases.get(caseId, Actors.current()), model, null, null);
    }

    @PostMapping("/knowledge/cases/{caseId}/assist/insert")
    ResponseEntity<String> insert(@PathVariable String caseId, @RequestParam String articleId) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        ArticleId article;
        try {
            article = ArticleId.parse(articleId);
        } catch (org.switchboard.platform.NotFoundException e) {
            throw new InvalidInputException("articleId", "is not an article id");
        }
        CaseArticles.Inserted inserted = caseArticles.insert(theCase.id(), article, actor);
        // The composer belongs to the desk: the text travels as an event the page's script appends; a
        // second event refreshes this block so the case lists the article as used.
        return ResponseEntity.noContent()
                .header(
                        "HX-Trigger",
                        "{\"knowledgeInsert\":{\"text\":" + asciiJson(inserted.text()) + "},\"knowledgeLinked\":true}")
                .build();
    }

    /** An agent's "was this helpful" on a suggested article, from the case. */
    @PostMapping("/knowledge/cases/{caseId}/assist/feedback")
    String helpful(
            @PathVariable String caseId, @RequestParam String articleId, @RequestParam boolean helpful, Model model) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        try {
            feedback.rate(ArticleId.parse(articleId), helpful, null, null, theCase.id(), actor);
            return render(theCase, model, null, "knowledge.assist.thanks");
        } catch (InvalidInputException | org.switchboard.platform.NotFoundException e) {
            return render(theCase, model, e.getMessage(), null);
        }
    }

    @PostMapping("/knowledge/cases/{caseId}/assist/flows")
    String start(@PathVariable String caseId, @RequestParam String flowId, Model model) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        try {
            flows.startOnCase(FlowId.parse(flowId), theCase.id(), actor);
            return render(theCase, model, null, null);
        } catch (RuleViolationException | InvalidInputException e) {
            return render(theCase, model, e.getMessage(), null);
        }
    }

    @PostMapping("/knowledge/cases/{caseId}/assist/runs/{runId}/choose")
    String choose(
            @PathVariable String caseId,
            @PathVariable String runId,
            @RequestParam String step,
            @RequestParam String option,
            Model model) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        try {
            flows.choose(FlowRunId.parse(runId), step, option, actor);
            return render(theCase, model, null, null);
        } catch (ConflictException | InvalidInputException e) {
            // A double click or a stale block: show where the run really is.
            return render(theCase, model, null, null);
        }
    }

    @PostMapping("/knowledge/cases/{caseId}/assist/runs/{runId}/abandon")
    String abandon(@PathVariable String caseId, @PathVariable String runId, Model model) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        flows.abandon(FlowRunId.parse(runId), actor);
        return render(theCase, model, null, null);
    }

    @PostMapping("/knowledge/cases/{caseId}/assist/runs/{runId}/action")
    String action(
            @PathVariable String caseId,
            @PathVariable String runId,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) String zone,
            Model model) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        try {
            var callback = new FlowEndings.CallbackChoice(phone, CallbackTime.parse(at, zone));
            endings.carryOutOnCase(FlowRunId.parse(runId), callback, actor);
            return render(cases.get(theCase.id(), actor), model, null, "knowledge.assist.actionDone");
        } catch (RuleViolationException | InvalidInputException e) {
            return render(theCase, model, e.getMessage(), null);
        }
    }

    @PostMapping("/knowledge/cases/{caseId}/assist/proposals")
    String propose(
            @PathVariable String caseId,
            @RequestParam String title,
            @RequestParam String body,
            @RequestParam(required = false) String articleId,
            @RequestParam(required = false) String language,
            Model model) {
        Actor actor = Actors.current();
        CaseView theCase = cases.get(caseId, actor);
        boolean edit = articleId != null && !articleId.isBlank();
        try {
            proposals.propose(
                    edit ? "edit" : "new",
                    edit ? ArticleId.parse(articleId) : null,
                    theCase.id(),
                    title,
                    body,
                    null,
                    language,
                    actor);
            return render(theCase, model, null, "knowledge.assist.proposed");
        } catch (InvalidInputException | RuleViolationException | org.switchboard.platform.NotFoundException e) {
            return render(theCase, model, e.getMessage(), null);
        }
    }

    private String render(CaseView theCase, Model model, String error, String notice) {
        Actor actor = Actors.current();
        List<KnowledgeHit> suggestions;
        try {
            suggestions = caseArticles.suggestions(theCase.id(), actor);
        } catch (InvalidInputException e) {
            suggestions = List.of();
        }
        List<FlowRunView> runs = flows.runsOfCase(theCase.id(), actor);
        model.addAttribute("case", theCase);
        model.addAttribute("suggestions", suggestions);
        model.addAttribute("run", runs.isEmpty() ? null : runs.getFirst());
        model.addAttribute(
                "agentFlows",
                flows.list(true).stream().filter(FlowSummary::forAgents).toList());
        model.addAttribute("linked", caseArticles.linked(theCase.id(), actor));
        model.addAttribute("assistError", error);
        model.addAttribute("assistNotice", notice);
        return "knowledge/assist :: assist";
    }

    /**
     * A JSON string with every non-ASCII character escaped: HTTP header values are ISO-8859-1, and the
     * article may be in any language.
     */
    static String asciiJson(String text) {
        var json = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
