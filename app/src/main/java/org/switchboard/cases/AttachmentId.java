package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A stored attachment's id. */
public record AttachmentId(UUID value) {

    public static AttachmentId newId() {
        return new AttachmentId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no attachment (404). */
    @JsonCreator
    public static AttachmentId parse(String value) {
        return new AttachmentId(Ids.parse(value, "attachment"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
