package org.switchboard.knowledge;

/**
 * One article found by a search.
 *
 * @param articleId the article
 * @param externalId its id in the system it was imported from, or {@code null}
 * @param language ISO 639-1 code of the article
 * @param title its title
 * @param snippet the best passage, matched words wrapped in {@code <mark>}; other text HTML-escaped
 * @param passageId which passage of the article matched best ({@code <articleId>#<ordinal>})
 * @param score fused relevance; only comparable within one result list
 */
public record KnowledgeHit(
        String articleId,
        @org.jspecify.annotations.Nullable String externalId,
        String language,
        String title,
        String snippet,
        String passageId,
        double score) {}
