package org.switchboard.cases.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.Channel;
import org.switchboard.cases.PendingReason;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueId;
import org.switchboard.customer.CustomerId;
import org.switchboard.identity.UserId;

/** A row of {@code support_case}. */
record CaseRow(
        CaseId id,
        long number,
        String subject,
        CaseStatus status,
        @Nullable PendingReason pendingReason,
        Priority priority,
        Channel channel,
        CustomerId customerId,
        @Nullable String customerName,
        @Nullable QueueId queueId,
        @Nullable UserId assigneeId,
        List<String> tags,
        @Nullable String category,
        @Nullable String disposition,
        Instant createdAt,
        Instant updatedAt,
        @Nullable Instant firstResponseAt,
        @Nullable Instant resolvedAt,
        @Nullable Instant closedAt,
        @Nullable CaseId mergedInto,
        long version) {

    static final String COLUMNS = "id, number, subject, status, pending_reason, priority, channel, customer_id,"
            + " customer_name, queue_id, assignee_id, tags, category, disposition, created_at, updated_at,"
            + " first_response_at, resolved_at, closed_at, merged_into, version";

    static CaseRow map(ResultSet rs, int row) throws SQLException {
        String pending = rs.getString("pending_reason");
        UUID queue = rs.getObject("queue_id", UUID.class);
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        UUID merged = rs.getObject("merged_into", UUID.class);
        Array tags = rs.getArray("tags");
        return new CaseRow(
                new CaseId(rs.getObject("id", UUID.class)),
                rs.getLong("number"),
                rs.getString("subject"),
                CaseStatus.of(rs.getString("status")),
                pending == null ? null : PendingReason.of(pending),
                Priority.values()[rs.getInt("priority")],
                Channel.of(rs.getString("channel")),
                new CustomerId(rs.getObject("customer_id", UUID.class)),
                rs.getString("customer_name"),
                queue == null ? null : new QueueId(queue),
                assignee == null ? null : new UserId(assignee),
                tags == null ? List.of() : Arrays.asList((String[]) tags.getArray()),
                rs.getString("category"),
                rs.getString("disposition"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "first_response_at"),
                instant(rs, "resolved_at"),
                instant(rs, "closed_at"),
                merged == null ? null : new CaseId(merged),
                rs.getLong("version"));
    }

    static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    String number(String prefix) {
        return prefix + number;
    }
}
