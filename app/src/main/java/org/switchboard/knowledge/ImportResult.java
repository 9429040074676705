package org.switchboard.knowledge;

/**
 * The outcome of importing one article.
 *
 * @param created whether a new article was made (false: the article with this external id was updated)
 * @param changed false when the imported content equals the published one (nothing written, no event)
 */
public record ImportResult(ArticleId id, boolean created, boolean changed, long version) {}
