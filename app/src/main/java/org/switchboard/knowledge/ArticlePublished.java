package org.switchboard.knowledge;

import java.time.Instant;

/**
 * An article was published, or its published content changed (an editor's edit, a rollback, an import).
 * Published in the transaction of the change and delivered after it commits ({@code
 * ApplicationModuleListener}); read the content with {@link Articles#published(ArticleId)}.
 */
public record ArticlePublished(ArticleId id, Language language, Audience audience, Instant at) {}
