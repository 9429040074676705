package org.switchboard.cases;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One case with everything but its messages and timeline (see {@link Cases#timeline}).
 *
 * @param number the readable number, {@code SB-10042}; {@link Cases#get} accepts it as well as the id
 * @param channel the origin channel (of the first contact)
 * @param disposition the wrap-up code recorded when the case was resolved
 * @param mergedInto the case this one was merged into (it is then closed)
 * @param version the optimistic-locking version, sent as the {@code ETag} and expected in {@code If-Match}
 */
public record CaseView(
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
        @Nullable String category,
        @Nullable String disposition,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant firstResponseAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt,
        @Nullable CaseId mergedInto,
        List<CaseLink> links,
        long version) {

    public CaseSummary summary() {
        return new CaseSummary(
                id,
                number,
                subject,
                status,
                pendingReason,
                priority,
                channel,
                customer,
                queue,
                assignee,
                tags,
                createdAt,
                updatedAt,
                version);
    }
}
