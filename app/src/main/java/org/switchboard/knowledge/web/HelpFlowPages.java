package org.switchboard.knowledge.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.cases.CaseView;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.Articles;
import org.switchboard.knowledge.FlowId;
import org.switchboard.knowledge.FlowRunId;
import org.switchboard.knowledge.FlowRunView;
import org.switchboard.knowledge.FlowSummary;
import org.switchboard.knowledge.GuidedFlows;
import org.switchboard.knowledge.KnowledgeFeedback;
import org.switchboard.knowledge.internal.FlowEndings;
import org.switchboard.knowledge.internal.PublicRateLimit;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.RuleViolationException;

/**
 * Self-service flows on the help center, no login ({@code /help/flows}): plain forms answered with a
 * redirect, so they work without script. An ending that opens a case asks for the customer's address
 * and opens the case with the path taken, so the agent does not start over.
 */
@Controller
class HelpFlowPages {

    private final GuidedFlows flows;
    private final FlowEndings endings;
    private final Articles articles;
    private final KnowledgeFeedback feedback;
    private final PublicRateLimit rateLimit;

    HelpFlowPages(
            GuidedFlows flows,
            FlowEndings endings,
            Articles articles,
            KnowledgeFeedback feedback,
            PublicRateLimit rateLimit) {
        this.flows = flows;
        this.endings = endings;
        this.articles = articles;
        this.feedback = feedback;
        this.rateLimit = rateLimit;
    }

    @GetMapping("/help/flows")
    String list(Model model) {
        model.addAttribute(
                "flows",
                flows.list(true).stream().filter(FlowSummary::forCustomers).toList());
        return "knowledge/help-flows/list";
    }

    @PostMapping("/help/flows/{id}/start")
    String start(@PathVariable String id, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        FlowRunView run = flows.startSelfService(FlowId.parse(id));
        return "redirect:/help/flows/runs/" + run.id();
    }

    @GetMapping("/help/flows/runs/{runId}")
    String run(@PathVariable String runId, Model model) {
        FlowRunView run = flows.run(FlowRunId.parse(runId), null);
        model.addAttribute("run", run);
        if (run.completed() && run.current().articleId() != null) {
            try {
                articles.findVisible(ArticleId.parse(run.current().articleId()), null)
                        .ifPresent(a -> model.addAttribute("article", a));
            } catch (NotFoundException e) {
                // an article ending with an id that is no article: shown without a link
            }
        }
        return "knowledge/help-flows/run";
    }

    @PostMapping("/help/flows/runs/{runId}/choose")
    String choose(
            @PathVariable String runId,
            @RequestParam String step,
            @RequestParam String option,
            HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        try {
            flows.choose(FlowRunId.parse(runId), step, option, null);
        } catch (ConflictException | InvalidInputException e) {
            // back or double submit: the run page shows where the run really is
        }
        return "redirect:/help/flows/runs/" + runId;
    }

    @PostMapping("/help/flows/runs/{runId}/abandon")
    String abandon(@PathVariable String runId, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        flows.abandon(FlowRunId.parse(runId), null);
        return "redirect:/help/flows";
    }

    @PostMapping("/help/flows/runs/{runId}/case")
    String openCase(
            @PathVariable String runId,
            @RequestParam(required = false) String email,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) String phone,
            @RequestParam(required = false) String message,
            @RequestParam(required = false) String at,
            @RequestParam(required = false) String zone,
            HttpServletRequest request,
            Model model) {
        rateLimit.acquire(request.getRemoteAddr());
        try {
            CaseView opened = endings.openSelfServiceCase(
                    FlowRunId.parse(runId),
                    new FlowEndings.Contact(email, name, phone, message, CallbackTime.parse(at, zone)));
            model.addAttribute("caseNumber", opened.number());
        } catch (InvalidInputException | RuleViolationException | ConflictException e) {
            model.addAttribute("flashError", e.getMessage());
            model.addAttribute("email", email);
            model.addAttribute("name", name);
            model.addAttribute("phone", phone);
            model.addAttribute("message", message);
            model.addAttribute("at", at);
        }
        return run(runId, model);
    }

    @PostMapping("/help/flows/runs/{runId}/feedback")
    String helpful(@PathVariable String runId, @RequestParam boolean helpful, HttpServletRequest request, Model model) {
        rateLimit.acquire(request.getRemoteAddr());
        FlowRunView run = flows.run(FlowRunId.parse(runId), null);
        if (run.current().articleId() != null) {
            feedback.rate(ArticleId.parse(run.current().articleId()), helpful, null, null, null, null);
        }
        model.addAttribute("thanks", true);
        return run(runId, model);
    }
}
