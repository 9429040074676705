package org.switchboard.knowledge.internal;

import java.time.Instant;

/**
 * A file attached to an article. {@code url} is where readers get it ({@code /help/attachments/{id}},
 * served to whoever may read the article).
 */
public record ArticleAttachment(
        String id, String articleId, String filename, String contentType, long size, Instant createdAt, String url) {}
