package org.switchboard.knowledge.search.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.knowledge.KnowledgeHit;
import org.switchboard.knowledge.KnowledgeQuery;
import org.switchboard.knowledge.KnowledgeSearch;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge search, suggestions while typing and result clicks. Anonymous callers (the help center)
 * see customer-audience articles only; signed-in staff see every audience unless they ask for one.
 */
@RestController
@RequestMapping("/api/v1/knowledge")
class KnowledgeSearchApiController {

    private final KnowledgeSearch search;

    KnowledgeSearchApiController(KnowledgeSearch search) {
        this.search = search;
    }

    /** The response body: exactly {@code {"hits": [...]}}. */
    record Hits(List<KnowledgeHit> hits) {}

    record Suggestions(List<String> suggestions) {}

    @GetMapping("/search")
    Hits search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String lang,
            @RequestParam(required = false) @Nullable String audience,
            @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable List<String> category,
            @RequestParam(required = false) @Nullable List<String> product) {
        var query = new KnowledgeQuery(
                q == null ? "" : q,
                blankToNull(lang),
                audiences(audience),
                category == null ? List.of() : category,
                product == null ? List.of() : product,
                limit == null ? 10 : limit);
        return new Hits(search.search(query));
    }

    @GetMapping("/suggestions")
    Suggestions suggestions(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String lang,
            @RequestParam(required = false) @Nullable String audience,
            @RequestParam(required = false) @Nullable Integer limit) {
        return new Suggestions(search.suggestions(
                q == null ? "" : q, blankToNull(lang), audiences(audience), limit == null ? 8 : limit));
    }

    @PostMapping("/search/clicks")
    ResponseEntity<Void> click(@RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json);
        String articleId = body.string("articleId");
        String passageId = body.has("passageId") ? body.string("passageId") : null;
        String query = body.has("query") ? body.string("query") : null;
        if (articleId == null || articleId.isBlank()) {
            throw new InvalidInputException("articleId", "is required");
        }
        body.check();
        search.recordClick(articleId, passageId, query);
        return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
    }

    /** Who may read what: anonymous callers only customer articles, whatever they ask for. */
    static KnowledgeQuery.Audiences audiences(@Nullable String requested) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean anonymous = auth == null || !auth.isAuthenticated() || auth instanceof AnonymousAuthenticationToken;
        if (requested != null && !requested.isBlank() && !KnowledgeQuery.Audiences.valid(requested)) {
            throw new InvalidInputException("audience", "must be agents, customers or partners");
        }
        if (anonymous) {
            return KnowledgeQuery.Audiences.PUBLIC;
        }
        if (requested == null || requested.isBlank()) {
            return KnowledgeQuery.Audiences.ALL;
        }
        return new KnowledgeQuery.Audiences(java.util.Set.of(requested));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
