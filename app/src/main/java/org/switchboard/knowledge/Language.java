package org.switchboard.knowledge;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;
import org.switchboard.platform.InvalidInputException;

/**
 * An article's language as an ISO 639-1 code ({@code en}, {@code fr}, {@code ru}, {@code zh}). Any
 * code of the ISO 639-1 list is accepted (search falls back to a generic analyzer for codes it has no
 * analyzer for); anything else is a 400 naming the field.
 */
public record Language(String code) {

    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    public Language {
        if (code == null || !code.matches("[a-z]{2}") || !ISO_639_1.contains(code)) {
            throw new InvalidInputException("language", "must be an ISO 639-1 code such as en, fr, ru or zh");
        }
    }

    /** Parses a client's code (case and surrounding blanks ignored); a 400 naming {@code field} otherwise. */
    public static Language of(String value, String field) {
        String code = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!code.matches("[a-z]{2}") || !ISO_639_1.contains(code)) {
            throw new InvalidInputException(field, "must be an ISO 639-1 code such as en, fr, ru or zh");
        }
        return new Language(code);
    }

    @JsonCreator
    public static Language of(String value) {
        return of(value, "language");
    }

    public Locale locale() {
        return Locale.forLanguageTag(code);
    }

    @JsonValue
    @Override
    public String toString() {
        return code;
    }
}
