package org.switchboard.customer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.switchboard.identity.AuditLog;

/**
 * A stand-in for identity's {@link AuditLog} in integration tests: keeps the entries in memory so a test
 * can assert what was audited. Registered like {@code KnownTeamsAndSkills} (test-classpath
 * auto-configuration), and only when no other {@code AuditLog} bean exists; identity's implementation
 * replaces it, and the assertions then read identity's audit API instead.
 */
@AutoConfiguration
public class RecordedAudit {

    /** One recorded entry. */
    public record Entry(String actor, String action, String entityType, String entityId, Map<String, ?> details) {}

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    /** The entries recorded about one record, oldest first. */
    public static List<Entry> about(String entityId) {
        return ENTRIES.stream().filter(e -> e.entityId().equals(entityId)).toList();
    }

    @Bean
    @ConditionalOnMissingBean(AuditLog.class)
    AuditLog recordedAuditLog() {
        return (actor, action, entityType, entityId, details) -> ENTRIES.add(new Entry(
                actor == null ? "system" : actor.username(), action, entityType, entityId, Map.copyOf(details)));
    }
}
