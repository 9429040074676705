package org.switchboard.identity;

import java.util.Map;

/**
 * The append-only audit log: who did what to which record, including who viewed a customer's record
 * and who exported data. Written in the caller's transaction, so an audited change and its entry
 * commit together.
 */
public interface AuditLog {

    /**
     * @param actor who acted ({@code null} for the system itself)
     * @param action a dotted verb such as {@code customer.viewed} or {@code case.merged}
     * @param entityType the kind of record, e.g. {@code customer}
     * @param entityId the record's id
     * @param details extra facts (no message bodies or other personal data)
     */
    void record(Actor actor, String action, String entityType, String entityId, Map<String, ?> details);
}
