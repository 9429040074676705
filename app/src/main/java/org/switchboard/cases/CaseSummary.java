package org.switchboard.cases;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A case as a row of a list. Customer, queue and assignee are resolved for the whole page at once.
 *
 * @param number the readable number, {@code SB-10042}
 * @param version the optimistic-locking version, sent as the {@code ETag}
 */
public record CaseSummary(
        CaseId id,
        String number,
        String subject,
        CaseStatus status,
        @Nullable PendingReason pendingReason,
        Priority priority,
        Channel channel,
        CustomerRef customer,
        @Nullable QueueRef queue,
        @Nullable AgentRef assignee,
        List<String> tags,
        Instant createdAt,
        Instant updatedAt,
        long version) {}
