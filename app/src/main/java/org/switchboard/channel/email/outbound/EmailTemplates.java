package org.switchboard.channel.email.outbound;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * The texts of outbound mail in each language: the reply wrapped around an agent's text, and the
 * automatic acknowledgement. Built in from {@code messages/email*.properties}; an admin may replace the
 * text of a language ({@code email_template}) and go back to the built-in one. Both are audited.
 */
@Component
public class EmailTemplates {

    /** The languages with templates. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "zh", "ru");

    /** The longest text accepted. */
    public static final int MAX_LENGTH = 10_000;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");

    /** A kind of outbound mail, with the placeholders its text may use and those it must use. */
    public enum Kind {
        REPLY(
                "reply",
                "email.template.reply",
                List.of("customer.name", "case.number", "agent.name", "signature", "body"),
                // without it the agent's text would not be sent
                Set.of("body")),
        ACKNOWLEDGEMENT(
                "acknowledgement",
                "email.template.acknowledgement",
                List.of("customer.name", "case.number", "subject", "signature"),
                Set.of());

        private final String wire;
        private final String messageKey;
        private final List<String> placeholders;
        private final Set<String> required;

        Kind(String wire, String messageKey, List<String> placeholders, Set<String> required) {
            this.wire = wire;
            this.messageKey = messageKey;
            this.placeholders = placeholders;
            this.required = required;
        }

        public String wire() {
            return wire;
        }

        public List<String> placeholders() {
            return placeholders;
        }

        public static Kind parse(String value) {
            for (Kind k : values()) {
                if (k.wire.equals(value)) {
                    return k;
                }
            }
            throw new NotFoundException("email template", value);
        }
    }

    /**
     * One template as in use.
     *
     * @param custom whether an admin's text replaces the built-in one
     * @param builtIn the built-in text (what a reset goes back to)
     */
    public record Template(
            Kind kind,
            String language,
            String text,
            boolean custom,
            String builtIn,
            @Nullable Instant updatedAt) {}

    private final JdbcClient jdbc;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    EmailTemplates(JdbcClient jdbc, MessageSource messages, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /** The text to send in this locale: the admin's for its language if there is one, else the built-in. */
    public String text(Kind kind, Locale locale) {
        String language = LANGUAGES.contains(locale.getLanguage()) ? locale.getLanguage() : null;
        if (language != null) {
            Optional<String> custom = custom(kind, language).map(Template::text);
            if (custom.isPresent()) {
                return custom.get();
            }
        }
        return builtIn(kind, locale);
    }

    public List<Template> all() {
        List<Template> all = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            for (String language : LANGUAGES) {
                all.add(get(kind, language));
            }
        }
        return all;
    }

    public Template get(Kind kind, String language) {
        String lang = language(language);
        return custom(kind, lang)
                .orElseGet(() -> new Template(
                        kind, lang, builtIn(kind, Locale.forLanguageTag(lang)), false, builtIn(kind, lang), null));
    }

    /**
     * Replaces the text of a language, audited ({@code email.template.changed}).
     *
     * @throws InvalidInputException ({@code text}) when it is empty, too long, uses a placeholder the kind
     *     does not know, or lacks one it needs
     */
    @Transactional
    public Template change(Kind kind, String language, String text, Actor actor) {
        String lang = language(language);
        List<FieldProblem> problems = problems(kind, text);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        jdbc.sql("""
                        insert into email_template (kind, language, body, updated_by, updated_at)
                        values (?, ?, ?, ?, ?)
                        on conflict (kind, language) do update set body = excluded.body,
                            updated_by = excluded.updated_by, updated_at = excluded.updated_at""")
                .params(kind.wire, lang, text, actor.id().value(), Timestamp.from(clock.instant()))
                .update();
        audit.record(actor, "email.template.changed", "email_template", kind.wire + "/" + lang, Map.of());
        return get(kind, lang);
    }

    /** Goes back to the built-in text of a language, audited ({@code email.template.reset}) when it was replaced. */
    @Transactional
    public Template reset(Kind kind, String language, Actor actor) {
        String lang = language(language);
        int removed = jdbc.sql("delete from email_template where kind = ? and language = ?")
                .params(kind.wire, lang)
                .update();
        if (removed > 0) {
            audit.record(actor, "email.template.reset", "email_template", kind.wire + "/" + lang, Map.of());
        }
        return get(kind, lang);
    }

    /**
     * The checks of a text for this kind: the page words each in the reader's language.
     *
     * @param unknown placeholders the kind does not know (a typo would reach the customer as is)
     * @param missing placeholders the kind needs ({@code {{body}}} of a reply: without it the agent's text is lost)
     */
    public record Check(boolean empty, boolean tooLong, List<String> unknown, List<String> missing) {

        public boolean passed() {
            return !empty && !tooLong && unknown.isEmpty() && missing.isEmpty();
        }

        /** The failures as problems of the field {@code text}, worded as the API words them. */
        public List<FieldProblem> problems(Kind kind) {
            List<FieldProblem> problems = new ArrayList<>();
            if (empty) {
                problems.add(new FieldProblem("text", "must not be empty"));
            }
            if (tooLong) {
                problems.add(new FieldProblem("text", "must be at most " + MAX_LENGTH + " characters"));
            }
            for (String name : unknown) {
                problems.add(new FieldProblem(
                        "text",
                        "unknown placeholder {{" + name + "}}; known: "
                                + String.join(
                                        ", ",
                                        kind.placeholders.stream()
                                                .map(p -> "{{" + p + "}}")
                                                .toList())));
            }
            for (String name : missing) {
                problems.add(new FieldProblem("text", "must contain {{" + name + "}}"));
            }
            return problems;
        }
    }

    public static Check check(Kind kind, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return new Check(true, false, List.of(), List.of());
        }
        Set<String> used = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            used.add(m.group(1));
        }
        return new Check(
                false,
                text.length() > MAX_LENGTH,
                used.stream().filter(u -> !kind.placeholders.contains(u)).toList(),
                kind.required.stream().filter(r -> !used.contains(r)).sorted().toList());
    }

    /** What is wrong with a text for this kind, as problems of the field {@code text}; empty when none. */
    public static List<FieldProblem> problems(Kind kind, @Nullable String text) {
        return check(kind, text).problems(kind);
    }

    private Optional<Template> custom(Kind kind, String language) {
        return jdbc.sql("select body, updated_at from email_template where kind = ? and language = ?")
                .params(kind.wire, language)
                .query((rs, n) -> new Template(
                        kind,
                        language,
                        rs.getString("body"),
                        true,
                        builtIn(kind, language),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    private String builtIn(Kind kind, String language) {
        return builtIn(kind, Locale.forLanguageTag(language));
    }

    private String builtIn(Kind kind, Locale locale) {
        return messages.getMessage(kind.messageKey, null, kind == Kind.REPLY ? "{{body}}" : "{{case.number}}", locale);
    }

    private static String language(String language) {
        String lang = language == null ? "" : language.strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(lang)) {
            throw new NotFoundException("email template language", language);
        }
        return lang;
    }
}
