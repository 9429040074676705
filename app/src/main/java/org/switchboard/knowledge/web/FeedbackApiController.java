package org.switchboard.knowledge.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.Cases;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.knowledge.ArticleId;
import org.switchboard.knowledge.CaseArticles;
import org.switchboard.knowledge.KnowledgeFeedback;
import org.switchboard.knowledge.KnowledgeHit;
import org.switchboard.knowledge.KnowledgeProposals;
import org.switchboard.knowledge.internal.KnowledgeFlowsProperties;
import org.switchboard.knowledge.internal.PublicRateLimit;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.NotFoundException;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge feedback: "was this helpful" (customers on {@code /api/v1/help/feedback}, rate limited per
 * client; agents on {@code /api/v1/knowledge/feedback}), the search-gap log and report, proposals from
 * cases, and the articles of a case (suggestions, insert and link).
 */
@RestController
class FeedbackApiController {

    private final KnowledgeFeedback feedback;
    private final KnowledgeProposals proposals;
    private final CaseArticles caseArticles;
    private final Cases cases;
    private final PublicRateLimit rateLimit;
    private final KnowledgeFlowsProperties properties;

    FeedbackApiController(
            KnowledgeFeedback feedback,
            KnowledgeProposals proposals,
            CaseArticles caseArticles,
            Cases cases,
            PublicRateLimit rateLimit,
            KnowledgeFlowsProperties properties) {
        this.feedback = feedback;
        this.proposals = proposals;
        this.caseArticles = caseArticles;
        this.cases = cases;
        this.rateLimit = rateLimit;
        this.properties = properties;
    }

    /** A customer's answer: {@code {"articleId", "helpful", "comment", "query"}}; 204. */
    @PostMapping("/api/v1/help/feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void customerFeedback(@RequestBody JsonNode json, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        rate(JsonBody.of(json), null, false);
    }

    /** An agent's answer: {@code {"articleId", "helpful", "comment", "query", "caseId"}}; 204. */
    @PostMapping("/api/v1/knowledge/feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void agentFeedback(@RequestBody JsonNode json) {
        rate(JsonBody.of(json), Actors.current(), true);
    }

    private void rate(JsonBody body, @Nullable Actor actor, boolean withCase) {
        String article = body.string("articleId");
        Boolean helpful = body.bool("helpful");
        String comment = body.string("comment");
        String query = body.string("query");
        String caseRef = withCase ? body.string("caseId") : null;
        if (article == null || article.isBlank()) {
            body.problem("articleId", "is required");
        }
        if (helpful == null) {
            body.problem("helpful", "is required: true or false");
        }
        body.check();
        ArticleId articleId = parse(article);
        CaseId caseId = null;
        if (caseRef != null && !caseRef.isBlank()) {
            try {
                caseId = cases.get(caseRef, actor).id();
            } catch (NotFoundException e) {
                throw new InvalidInputException("caseId", "no such case");
            }
        }
        feedback.rate(articleId, helpful, comment, query, caseId, actor);
    }

    /**
     * A search that found nothing useful, reported by the help center or a client:
     * {@code {"query", "language", "outcome": "zero_hits" | "no_click" | "not_helpful"}}; 204.
     */
    @PostMapping("/api/v1/help/search-feedback")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void searchFeedback(@RequestBody JsonNode json, HttpServletRequest request) {
        rateLimit.acquire(request.getRemoteAddr());
        JsonBody body = JsonBody.of(json);
        String query = body.string("query");
        String language = body.string("language");
        String outcome = body.string("outcome");
        KnowledgeFeedback.GapReason reason = null;
        if (query == null || query.isBlank()) {
            body.problem("query", "is required");
        }
        if (language != null && !language.matches("[a-z]{2}")) {
            body.problem("language", "must be an ISO 639-1 code such as en");
        }
        for (KnowledgeFeedback.GapReason candidate : KnowledgeFeedback.GapReason.values()) {
            if (candidate.wire().equals(outcome)) {
                reason = candidate;
            }
        }
        if (reason == null) {
            body.problem("outcome", "must be one of zero_hits, no_click, not_helpful");
        }
        body.check();
        feedback.recordGap(query, language, reason, Actors.currentIfAny().isPresent() ? "agent" : "customer");
    }

    /** Feedback and use of one article. */
    @GetMapping("/api/v1/knowledge/articles/{id}/insights")
    KnowledgeFeedback.ArticleInsights insights(@PathVariable String id) {
        return feedback.insights(ArticleId.parse(id));
    }

    /** The knowledge-gaps report: searches that found nothing useful, grouped by normalized query. */
    @GetMapping("/api/v1/knowledge/gaps")
    Map<String, Object> gaps(
            @RequestParam(required = false) @Nullable Integer days,
            @RequestParam(required = false) @Nullable Integer limit) {
        Instant since = since(days);
        return Map.of("since", since, "items", feedback.gaps(since, limit(limit)));
    }

    Instant since(@Nullable Integer days) {
        if (days != null && (days < 1 || days > 3650)) {
            throw new InvalidInputException("days", "must be between 1 and 3650");
        }
        return days == null
                ? Instant.now().minus(properties.gapWindow())
                : Instant.now().minus(java.time.Duration.ofDays(days));
    }

    static int limit(@Nullable Integer limit) {
        if (limit != null && (limit < 1 || limit > 500)) {
            throw new InvalidInputException("limit", "must be between 1 and 500");
        }
        return limit == null ? 50 : limit;
    }

    /** {@code {"kind": "edit" | "new", "articleId", "caseId", "title", "body", "note", "language"}}. */
    @PostMapping("/api/v1/knowledge/proposals")
    ResponseEntity<KnowledgeProposals.Proposal> propose(@RequestBody JsonNode json) {
        Actor actor = Actors.current();
        JsonBody body = JsonBody.of(json);
        String kind = body.string("kind");
        String article = body.string("articleId");
        String caseRef = body.string("caseId");
        String title = body.string("title");
        String text = body.string("body");
        String note = body.string("note");
        String language = body.string("language");
        body.check();
        CaseId caseId = null;
        if (caseRef != null && !caseRef.isBlank()) {
            try {
                caseId = cases.get(caseRef, actor).id();
            } catch (NotFoundException e) {
                throw new InvalidInputException("caseId", "no such case");
            }
        }
        var proposal = proposals.propose(
                kind == null ? "" : kind,
                article == null || article.isBlank() ? null : parse(article),
                caseId,
                title,
                text,
                note,
                language,
                actor);
        return ResponseEntity.created(URI.create("/api/v1/knowledge/proposals/" + proposal.id()))
                .body(proposal);
    }

    @GetMapping("/api/v1/knowledge/proposals")
    Map<String, List<KnowledgeProposals.Proposal>> proposals(
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer limit) {
        return Map.of("items", proposals.list(status, limit(limit)));
    }

    @GetMapping("/api/v1/knowledge/proposals/{id}")
    KnowledgeProposals.Proposal proposal(@PathVariable String id) {
        return proposals.get(id);
    }

    /** {@code {"decision": "accept" | "reject", "note"}}; knowledge editors only. */
    @PostMapping("/api/v1/knowledge/proposals/{id}/decision")
    KnowledgeProposals.Proposal decide(@PathVariable String id, @RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json);
        String decision = body.string("decision");
        String note = body.string("note");
        if (!"accept".equals(decision) && !"reject".equals(decision)) {
            body.problem("decision", "must be one of accept, reject");
        }
        body.check();
        return proposals.decide(id, "accept".equals(decision), note, Actors.current());
    }

    /** The best articles for the case's latest customer message. */
    @GetMapping("/api/v1/knowledge/cases/{caseId}/suggestions")
    Map<String, List<KnowledgeHit>> suggestions(@PathVariable String caseId) {
        Actor actor = Actors.current();
        return Map.of("items", caseArticles.suggestions(cases.get(caseId, actor).id(), actor));
    }

    /** Inserts an article into a reply on the case: {@code {"articleId"}}; answers the text to insert. */
    @PostMapping("/api/v1/knowledge/cases/{caseId}/articles")
    @ResponseStatus(HttpStatus.CREATED)
    CaseArticles.Inserted insert(@PathVariable String caseId, @RequestBody JsonNode json) {
        Actor actor = Actors.current();
        JsonBody body = JsonBody.of(json);
        String article = body.string("articleId");
        if (article == null || article.isBlank()) {
            body.problem("articleId", "is required");
        }
        body.check();
        return caseArticles.insert(cases.get(caseId, actor).id(), parse(article), actor);
    }

    @GetMapping("/api/v1/knowledge/cases/{caseId}/articles")
    Map<String, List<CaseArticles.Inserted>> linked(@PathVariable String caseId) {
        Actor actor = Actors.current();
        return Map.of("items", caseArticles.linked(cases.get(caseId, actor).id(), actor));
    }

    private static ArticleId parse(String article) {
        try {
            return ArticleId.parse(article);
        } catch (NotFoundException e) {
            throw new InvalidInputException("articleId", "is not an article id");
        }
    }
}
