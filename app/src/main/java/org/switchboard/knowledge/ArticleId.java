package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A knowledge article's id (opaque to clients); each translation of a family has its own. */
public record ArticleId(UUID value) {

    public static ArticleId newId() {
        return new ArticleId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no article (404). */
    @JsonCreator
    public static ArticleId parse(String value) {
        return new ArticleId(Ids.parse(value, "article"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
