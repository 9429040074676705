package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.switchboard.platform.InvalidInputException;

/**
 * What a flow step is: a question with options, or one of the endings. An ending's action (open a case,
 * offer a callback) is returned to the caller, which carries it out; the flow itself changes nothing
 * outside knowledge.
 */
public enum StepKind {
    /** Asks; each option leads to another step. */
    QUESTION,
    /** Ends with a resolution article. */
    ARTICLE,
    /** Ends with a plain resolution text. */
    MESSAGE,
    /** Ends by opening a case in a queue (self-service) or moving the case there (agent). */
    OPEN_CASE,
    /** Ends by offering a callback from a queue. */
    CALLBACK;

    public boolean ending() {
        return this != QUESTION;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepKind of(String value, String field) {
        for (StepKind kind : values()) {
            if (kind.wire().equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return kind;
            }
        }
        throw new InvalidInputException(field, "must be one of question, article, message, open_case, callback");
    }

    @JsonCreator
    public static StepKind of(String value) {
        return of(value, "kind");
    }
}
