package org.switchboard.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.switchboard.identity.Actor;
import org.switchboard.identity.AuditLog;

/**
 * A minimal stand-in for identity's {@link AuditLog} that records what the case core audits (the customer
 * directory and the user directory are merged in and used as they are). All beans are {@link Fallback}:
 * once the real implementations are merged, they win and these are unused.
 */
@TestConfiguration(proxyBeanMethods = false)
public class StandInCollaborators {

    /** What was audited, newest last. */
    public static final List<String> AUDITED = new CopyOnWriteArrayList<>();

    @Bean
    @Fallback
    AuditLog standInAuditLog() {
        return (Actor actor, String action, String entityType, String entityId, Map<String, ?> details) ->
                AUDITED.add(action + " " + entityType + " " + entityId);
    }

    static List<String> audited() {
        return new ArrayList<>(AUDITED);
    }
}
