package org.switchboard.cases;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerId;
import org.switchboard.identity.UserId;

/**
 * What a case list shows. Null fields do not filter. The caller's visibility (their teams' queues
 * and their own cases for agents) always applies on top.
 *
 * @param statuses any of these (empty or null: all)
 * @param priorities any of these (empty or null: all)
 * @param assignee cases assigned to this agent
 * @param unassigned only cases without an assignee (wins over {@code assignee})
 * @param tag cases carrying this tag
 * @param q a case number ({@code SB-10042}), or a prefix of the subject or of the customer's name
 * @param limit page size 1..500
 * @param cursor the {@code nextCursor} of the previous page (only valid with the same sort)
 */
public record CaseFilter(
        @Nullable Set<CaseStatus> statuses,
        @Nullable Set<Priority> priorities,
        @Nullable QueueId queue,
        @Nullable UserId assignee,
        boolean unassigned,
        @Nullable CustomerId customer,
        @Nullable String tag,
        @Nullable Instant updatedSince,
        @Nullable String q,
        CaseSort sort,
        int limit,
        @Nullable String cursor) {

    /** No filter, newest updates first, 50 per page. */
    public static CaseFilter all() {
        return new CaseFilter(null, null, null, null, false, null, null, null, null, CaseSort.UPDATED_DESC, 50, null);
    }

    public CaseFilter withStatuses(Set<CaseStatus> value) {
        return new CaseFilter(
                value, priorities, queue, assignee, unassigned, customer, tag, updatedSince, q, sort, limit, cursor);
    }

    public CaseFilter withPriorities(Set<Priority> value) {
        return new CaseFilter(
                statuses, value, queue, assignee, unassigned, customer, tag, updatedSince, q, sort, limit, cursor);
    }

    public CaseFilter withQueue(QueueId value) {
        return new CaseFilter(
                statuses, priorities, value, assignee, unassigned, customer, tag, updatedSince, q, sort, limit, cursor);
    }

    public CaseFilter withAssignee(UserId value) {
        return new CaseFilter(
                statuses, priorities, queue, value, unassigned, customer, tag, updatedSince, q, sort, limit, cursor);
    }

    public CaseFilter onlyUnassigned() {
        return new CaseFilter(
                statuses, priorities, queue, null, true, customer, tag, updatedSince, q, sort, limit, cursor);
    }

    public CaseFilter withCustomer(CustomerId value) {
        return new CaseFilter(
                statuses, priorities, queue, assignee, unassigned, value, tag, updatedSince, q, sort, limit, cursor);
    }

    public CaseFilter withQuery(String value) {
        return new CaseFilter(
                statuses,
                priorities,
                queue,
                assignee,
                unassigned,
                customer,
                tag,
                updatedSince,
                value,
                sort,
                limit,
                cursor);
    }

    public CaseFilter withLimit(int value) {
        return new CaseFilter(
                statuses, priorities, queue, assignee, unassigned, customer, tag, updatedSince, q, sort, value, cursor);
    }

    public CaseFilter withCursor(String value) {
        return new CaseFilter(
                statuses, priorities, queue, assignee, unassigned, customer, tag, updatedSince, q, sort, limit, value);
    }
}
