package org.switchboard.identity.internal;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.switchboard.identity.Role;
import org.switchboard.platform.InvalidInputException;

/** Validation of user and agent-profile fields; each failure is a 400 naming the field. */
public final class ProfileRules {

    public static final List<String> LOCALES = List.of("en", "fr", "zh", "ru");
    public static final List<String> CHANNELS = List.of("voice", "chat", "email");
    public static final int MAX_CAPACITY = 100;
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private ProfileRules() {}

    public static int proficiency(Integer value, String field) {
        if (value == null || value < 1 || value > 5) {
            throw new InvalidInputException(field, "must be between 1 and 5");
        }
        return value;
    }

    public static String language(String code, String field) {
        if (code == null || !code.matches("[a-z]{2}") || !ISO_639_1.contains(code)) {
            throw new InvalidInputException(field, "must be an ISO 639-1 language code such as en or fr");
        }
        return code;
    }

    public static Role role(String value, String field) {
        if (value != null) {
            for (Role role : Role.values()) {
                if (role.name().toLowerCase(Locale.ROOT).equals(value)) {
                    return role;
                }
            }
        }
        throw new InvalidInputException(field, "must be one of agent, supervisor, admin");
    }

    public static String wire(Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    public static String locale(String value, String field) {
        if (value == null || !LOCALES.contains(value)) {
            throw new InvalidInputException(field, "must be one of " + String.join(", ", LOCALES));
        }
        return value;
    }

    public static String timeZone(String value, String field) {
        try {
            if (value == null || value.isBlank()) {
                throw new DateTimeException("blank");
            }
            return ZoneId.of(value).getId();
        } catch (DateTimeException e) {
            throw new InvalidInputException(field, "must be a time zone such as Europe/Paris or UTC");
        }
    }

    public static String channel(String value, String field) {
        if (value == null || !CHANNELS.contains(value)) {
            throw new InvalidInputException(field, "must be one of voice, chat, email");
        }
        return value;
    }

    public static int capacity(Integer value, String field) {
        if (value == null || value < 0 || value > MAX_CAPACITY) {
            throw new InvalidInputException(field, "must be between 0 and " + MAX_CAPACITY);
        }
        return value;
    }

    /** Skill names are short lower-case words; the input is lower-cased first. */
    public static String skillName(String value, String field) {
        String name = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw new InvalidInputException(
                    field, "must be a short lower-case word (letters, digits, - or _; at most 40)");
        }
        return name;
    }

    public static String username(String value, String field) {
        if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")) {
            throw new InvalidInputException(field, "must be 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return value;
    }

    public static String email(String value, String field) {
        if (value == null || value.length() > 254 || !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidInputException(field, "must be an email address");
        }
        return value.trim();
    }

    public static String displayName(String value, String field) {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new InvalidInputException(field, "must be 1 to 200 characters");
        }
        return value.trim();
    }

    /** Any non-empty password bcrypt can take (at most 72 bytes), for accounts made by code. */
    public static String anyPassword(String value, String field) {
        if (value == null || value.isEmpty() || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw new InvalidInputException(field, "must be 1 to 72 characters");
        }
        return value;
    }

    public static String password(String value, String field) {
        // bcrypt reads at most 72 bytes; a longer password would be silently cut
        if (value == null
                || value.length() < 8
                || value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw new InvalidInputException(field, "must be 8 to 72 characters");
        }
        return value;
    }
}
