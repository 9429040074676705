package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * The workflow of an article: {@code draft -> in_review -> published -> archived}.
 *
 * <ul>
 *   <li>draft: in_review (anyone who may edit), published (knowledge editors only), archived
 *   <li>in_review: draft (sent back), published (editors), archived (editors)
 *   <li>published: draft (a new revision is being written), archived (editors)
 *   <li>archived: draft (revived)
 * </ul>
 *
 * Publishing and archiving need the knowledge-editor permission.
 */
public enum ArticleStatus {
    DRAFT,
    IN_REVIEW,
    PUBLISHED,
    ARCHIVED;

    public Set<ArticleStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(IN_REVIEW, PUBLISHED, ARCHIVED);
            case IN_REVIEW -> EnumSet.of(DRAFT, PUBLISHED, ARCHIVED);
            case PUBLISHED -> EnumSet.of(DRAFT, ARCHIVED);
            case ARCHIVED -> EnumSet.of(DRAFT);
        };
    }

    public boolean canChangeTo(ArticleStatus target) {
        return next().contains(target);
    }

    /** Whether moving to this status needs the knowledge-editor permission. */
    public boolean needsEditor() {
        return this == PUBLISHED || this == ARCHIVED;
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static ArticleStatus of(String value) {
        return Wire.parse(ArticleStatus.class, value, "status");
    }
}
