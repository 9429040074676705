package org.switchboard.knowledge;

import java.time.Instant;

/**
 * A published article stopped being published: archived, or sent back to draft ({@code status} says
 * which). Search drops it from the index. Published in the transaction of the change, delivered after
 * commit.
 */
public record ArticleArchived(ArticleId id, ArticleStatus status, Instant at) {}
