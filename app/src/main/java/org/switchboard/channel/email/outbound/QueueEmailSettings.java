package org.switchboard.channel.email.outbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/**
 * Per queue: the From address and name of its email replies, the signature appended to them, and the
 * four-eyes rule — every agent reply needs a supervisor's approval, or only replies containing one of
 * the approval keywords (case-insensitive); and whether a new case's first mail is acknowledged
 * automatically. Admins change them over the API and on the admin page, both through {@link #change}: the
 * same checks, the same audit entry.
 */
@Component
public class QueueEmailSettings {

    public record Settings(
            QueueId queue,
            @Nullable String fromAddress,
            @Nullable String fromName,
            @Nullable String signature,
            boolean requiresApproval,
            List<String> approvalKeywords,
            boolean autoAcknowledge) {

        /** Why a reply with this text needs approval, or null when it does not. */
        public @Nullable String approvalReason(String text) {
            if (requiresApproval) {
                return "the queue requires approval of agent replies";
            }
            String lower = text.toLowerCase(Locale.ROOT);
            for (String keyword : approvalKeywords) {
                if (!keyword.isBlank() && lower.contains(keyword.toLowerCase(Locale.ROOT))) {
                    return "the reply mentions \"" + keyword + "\"";
                }
            }
            return null;
        }
    }

    /** The longest signature accepted. */
    public static final int SIGNATURE_MAX = 2000;

    private static final String ADDRESS = "[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+";

    /** An admin's change as entered (a full replacement of the queue's settings); see {@link #problems()}. */
    public record Draft(
            @Nullable String fromAddress,
            @Nullable String fromName,
            @Nullable String signature,
            boolean requiresApproval,
            List<String> approvalKeywords,
            boolean autoAcknowledge) {

        /** What is wrong with the draft, by field name; empty when it can be saved. */
        public List<FieldProblem> problems() {
            List<FieldProblem> problems = new ArrayList<>();
            if (fromAddress != null
                    && !fromAddress.isBlank()
                    && !fromAddress.strip().matches(ADDRESS)) {
                problems.add(new FieldProblem("fromAddress", "must be an email address"));
            }
            if (signature != null && signature.length() > SIGNATURE_MAX) {
                problems.add(new FieldProblem("signature", "must be at most " + SIGNATURE_MAX + " characters"));
            }
            return problems;
        }

        Settings normalised(QueueId queue) {
            return new Settings(
                    queue,
                    fromAddress == null || fromAddress.isBlank()
                            ? null
                            : fromAddress.strip().toLowerCase(Locale.ROOT),
                    fromName,
                    signature,
                    requiresApproval,
                    approvalKeywords.stream()
                            .map(String::strip)
                            .filter(k -> !k.isEmpty())
                            .toList(),
                    autoAcknowledge);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    QueueEmailSettings(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The queue's settings, or the defaults (nothing set, no approval, no acknowledgement). */
    public Settings of(QueueId queue) {
        return find(queue).orElse(new Settings(queue, null, null, null, false, List.of(), false));
    }

    /**
     * Checks and saves an admin's change, and records it in the audit log ({@code
     * email.queue-settings.changed}, with the names of the fields that changed and the approval and
     * acknowledgement switches, never the signature's text) in the same transaction.
     *
     * @throws InvalidInputException naming each invalid field
     */
    @Transactional
    public Settings change(QueueId queue, Draft draft, Actor actor) {
        List<FieldProblem> problems = draft.problems();
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Settings before = of(queue);
        Settings after = save(draft.normalised(queue));
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("changed", changedFields(before, after));
        details.put("requiresApproval", after.requiresApproval());
        details.put("autoAcknowledge", after.autoAcknowledge());
        audit.record(actor, "email.queue-settings.changed", "queue", queue.toString(), details);
        return after;
    }

    private static List<String> changedFields(Settings a, Settings b) {
        List<String> changed = new ArrayList<>();
        if (!Objects.equals(a.fromAddress(), b.fromAddress())) {
            changed.add("fromAddress");
        }
        if (!Objects.equals(a.fromName(), b.fromName())) {
            changed.add("fromName");
        }
        if (!Objects.equals(a.signature(), b.signature())) {
            changed.add("signature");
        }
        if (a.requiresApproval() != b.requiresApproval()) {
            changed.add("requiresApproval");
        }
        if (!a.approvalKeywords().equals(b.approvalKeywords())) {
            changed.add("approvalKeywords");
        }
        if (a.autoAcknowledge() != b.autoAcknowledge()) {
            changed.add("autoAcknowledge");
        }
        return changed;
    }

    public Optional<Settings> find(@Nullable QueueId queue) {
        if (queue == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from email_queue_settings where queue_id = ?")
                .param(queue.value())
                .query((rs, n) -> new Settings(
                        new QueueId(rs.getObject("queue_id", UUID.class)),
                        rs.getString("from_address"),
                        rs.getString("from_name"),
                        rs.getString("signature"),
                        rs.getBoolean("requires_approval"),
                        List.of((String[]) rs.getArray("approval_keywords").getArray()),
                        rs.getBoolean("auto_acknowledge")))
                .optional();
    }

    /** Whether new cases of the queue get an automatic acknowledgement (off unless switched on). */
    public boolean autoAcknowledges(QueueId queue) {
        return jdbc.sql("select auto_acknowledge from email_queue_settings where queue_id = ?")
                .param(queue.value())
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    private Settings save(Settings s) {
        jdbc.sql("""
                        insert into email_queue_settings (queue_id, from_address, from_name, signature, requires_approval,
                            approval_keywords, auto_acknowledge, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, now())
                        on conflict (queue_id) do update set from_address = excluded.from_address,
                            from_name = excluded.from_name, signature = excluded.signature,
                            requires_approval = excluded.requires_approval,
                            approval_keywords = excluded.approval_keywords,
                            auto_acknowledge = excluded.auto_acknowledge, updated_at = now()""")
                .params(
                        s.queue().value(),
                        s.fromAddress(),
                        s.fromName(),
                        s.signature(),
                        s.requiresApproval(),
                        s.approvalKeywords().toArray(String[]::new),
                        s.autoAcknowledge())
                .update();
        return s;
    }
}
