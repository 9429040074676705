package org.switchboard.cases;

import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.UserId;

/**
 * A partial update of a case: a null field is left unchanged.
 *
 * @param pendingReason required when {@code status} is pending
 * @param assignee {@code Optional.empty()} unassigns; null leaves the assignee unchanged
 * @param tags the complete new tag set (lower-cased, trimmed)
 * @param disposition required when {@code status} is resolved (unless the case already has one)
 */
public record CaseChange(
        @Nullable CaseStatus status,
        @Nullable PendingReason pendingReason,
        @Nullable Priority priority,
        @Nullable QueueId queue,
        @Nullable Optional<UserId> assignee,
        @Nullable Set<String> tags,
        @Nullable String category,
        @Nullable String disposition) {

    public static CaseChange status(CaseStatus status) {
        return new CaseChange(status, null, null, null, null, null, null, null);
    }

    public static CaseChange assign(@Nullable UserId agent) {
        return new CaseChange(null, null, null, null, Optional.ofNullable(agent), null, null, null);
    }
}
