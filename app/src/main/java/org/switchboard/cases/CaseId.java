package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.UUID;
import org.switchboard.platform.Ids;

/** A case's id (opaque to clients). A case also has a readable number such as {@code SB-10042}. */
public record CaseId(UUID value) {

    public static CaseId newId() {
        return new CaseId(Ids.newId());
    }

    /** Parses a client's id; one that is not an id names no case (404). */
    @JsonCreator
    public static CaseId parse(String value) {
        return new CaseId(Ids.parse(value, "case"));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
