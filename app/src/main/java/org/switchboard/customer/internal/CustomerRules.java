package org.switchboard.customer.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/**
 * Validates and normalizes a customer's editable fields. Pure: no database, so it is unit tested.
 * Every problem names its field the way the API spells it.
 */
public final class CustomerRules {

    static final int MAX_NAME = 200;
    static final int MAX_TAG = 50;
    static final int MAX_TAGS = 50;
    static final int MAX_NOTES = 10_000;
    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");

    private final CustomerProperties properties;

    public CustomerRules(CustomerProperties properties) {
        this.properties = properties;
    }

    /** The details with every value normalized, or an {@link InvalidInputException} listing all problems. */
    public CustomerDetails normalize(CustomerDetails details) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = trimToNull(details.name());
        if (name == null) {
            problems.add(new FieldProblem("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new FieldProblem("name", "must be at most " + MAX_NAME + " characters"));
        }
        String organization = trimToNull(details.organization());
        if (organization != null && organization.length() > MAX_NAME) {
            problems.add(new FieldProblem("organization", "must be at most " + MAX_NAME + " characters"));
        }
        String domain = trimToNull(details.organizationEmailDomain());
        if (domain != null) {
            domain = domain.toLowerCase(Locale.ROOT);
            if (organization == null) {
                problems.add(new FieldProblem("organization.name", "is required with an email domain"));
            }
            if (!DOMAIN.matcher(domain).matches()) {
                problems.add(new FieldProblem("organization.emailDomain", "is not a domain name"));
            }
        }
        String language = language(details.preferredLanguage(), "preferredLanguage", problems);
        String zone = trimToNull(details.timeZone());
        if (zone != null && !isTimeZone(zone)) {
            problems.add(new FieldProblem("timeZone", "is not an IANA time zone such as Europe/Paris"));
        }
        String tier = trimToNull(details.tier());
        tier = tier == null ? CustomerProperties.DEFAULT_TIER : tier.toLowerCase(Locale.ROOT);
        if (!properties.knows(tier)) {
            problems.add(new FieldProblem(
                    "tier",
                    "must be one of " + String.join(", ", properties.tiers().keySet())));
        }
        List<String> tags = tags(details.tags(), problems);
        String notes = trimToNull(details.notes());
        if (notes != null && notes.length() > MAX_NOTES) {
            problems.add(new FieldProblem("notes", "must be at most " + MAX_NOTES + " characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new CustomerDetails(name, organization, domain, language, zone, tier, tags, notes);
    }

    /** An ISO 639-1 code, lower-cased; adds a problem naming {@code field} when it is not one. */
    static @Nullable String language(@Nullable String raw, String field, List<FieldProblem> problems) {
        String language = trimToNull(raw);
        if (language == null) {
            return null;
        }
        language = language.toLowerCase(Locale.ROOT);
        if (language.length() != 2 || !LANGUAGES.contains(language)) {
            problems.add(new FieldProblem(field, "is not an ISO 639-1 language code such as en or fr"));
        }
        return language;
    }

    static boolean isTimeZone(String zone) {
        return ZONES.contains(zone);
    }

    static List<String> tags(@Nullable List<String> raw, List<FieldProblem> problems) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > MAX_TAGS) {
            problems.add(new FieldProblem("tags", "must be at most " + MAX_TAGS + " tags"));
        }
        Set<String> tags = new TreeSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String tag = trimToNull(raw.get(i));
            if (tag == null) {
                problems.add(new FieldProblem("tags[" + i + "]", "must not be blank"));
            } else if (tag.length() > MAX_TAG) {
                problems.add(new FieldProblem("tags[" + i + "]", "must be at most " + MAX_TAG + " characters"));
            } else {
                tags.add(tag.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(tags);
    }

    static @Nullable String trimToNull(@Nullable String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
