package org.switchboard.channel.email.outbound;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.cases.QueueId;

/**
 * Per queue: the From address and name of its email replies, the signature appended to them, and the
 * four-eyes rule — every agent reply needs a supervisor's approval, or only replies containing one of
 * the approval keywords (case-insensitive); and whether a new case's first mail is acknowledged
 * automatically.
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

    private final JdbcClient jdbc;

    QueueEmailSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    public Settings save(Settings s) {
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
