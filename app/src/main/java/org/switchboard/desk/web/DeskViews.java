package org.switchboard.desk.web;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.CaseSort;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseSummary;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueCounts;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.identity.Actor;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.Page;

/** The lists the desk pages share: the queues an agent sees, their counts, and filtered case pages. */
@Component
class DeskViews {

    static final Set<CaseStatus> ACTIVE = EnumSet.of(CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.PENDING);

    private final Cases cases;
    private final Users users;
    private final ObjectProvider<QueueDirectory> queues;

    DeskViews(Cases cases, Users users, ObjectProvider<QueueDirectory> queues) {
        this.cases = cases;
        this.users = users;
        this.queues = queues;
    }

    /** A queue with its count badges: active cases, and new or open cases nobody is assigned to. */
    record QueueCount(QueueRef queue, long active, long unassigned) {}

    /** The queues an actor sees: their teams' queues for an agent, all for supervisors and admins. */
    List<QueueRef> visibleQueues(Actor actor) {
        QueueDirectory directory = queues.getIfAvailable();
        if (directory == null) {
            return List.of();
        }
        List<QueueRef> visible =
                new ArrayList<>(actor.seesAllQueues() ? directory.all() : directory.ownedBy(actor.teams()));
        visible.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return visible;
    }

    /** The visible queues with their badges, counted in one statement whatever the number of queues. */
    List<QueueCount> queueCounts(Actor actor) {
        List<QueueRef> visible = visibleQueues(actor);
        Set<QueueId> ids = new java.util.LinkedHashSet<>();
        visible.forEach(queue -> ids.add(queue.id()));
        Map<QueueId, QueueCounts> counted = ids.isEmpty() ? Map.of() : cases.countByQueue(ids, actor);
        List<QueueCount> counts = new ArrayList<>();
        for (QueueRef queue : visible) {
            QueueCounts count = counted.getOrDefault(queue.id(), QueueCounts.none(queue.id()));
            counts.add(new QueueCount(queue, count.open(), count.unassigned()));
        }
        return counts;
    }

    /** The active cases assigned to the actor, most urgent first. */
    Page<CaseSummary> myCases(Actor actor) {
        CaseFilter filter = new CaseFilter(
                ACTIVE, null, null, actor.id(), false, null, null, null, null, CaseSort.PRIORITY_DESC, 50, null);
        return cases.list(filter, actor);
    }

    /** A filtered page of cases; every filter, priority included, is applied by the case list. */
    Page<CaseSummary> search(ListQuery query, Actor actor) {
        CaseFilter filter = new CaseFilter(
                statuses(query.status()),
                priorities(query.priority()),
                blankToNull(query.queue()) == null ? null : QueueId.parse(query.queue()),
                null,
                false,
                null,
                null,
                null,
                blankToNull(query.q()),
                CaseSort.of(query.sort()),
                Cursor.limit(query.limit()),
                blankToNull(query.cursor()));
        String assignee = blankToNull(query.assignee());
        if ("me".equals(assignee)) {
            filter = filter.withAssignee(actor.id());
        } else if ("none".equals(assignee)) {
            filter = filter.onlyUnassigned();
        } else if (assignee != null) {
            UserSummary user = users.findByIdOrUsername(assignee).orElse(null);
            if (user == null) {
                return new Page<>(List.of(), null);
            }
            filter = filter.withAssignee(user.id());
        }
        return cases.list(filter, actor);
    }

    private static @Nullable Set<Priority> priorities(@Nullable String priority) {
        String value = blankToNull(priority);
        if (value == null) {
            return null;
        }
        Set<Priority> priorities = EnumSet.noneOf(Priority.class);
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                priorities.add(Priority.of(part.strip()));
            }
        }
        return priorities;
    }

    private static @Nullable Set<CaseStatus> statuses(@Nullable String status) {
        String value = blankToNull(status);
        if (value == null) {
            return null;
        }
        if (value.equals("active")) {
            return ACTIVE;
        }
        Set<CaseStatus> statuses = EnumSet.noneOf(CaseStatus.class);
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                statuses.add(CaseStatus.of(part.strip().toLowerCase(Locale.ROOT)));
            }
        }
        return statuses;
    }

    static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** The filters of a case list as they come from the query string. */
    record ListQuery(
            @Nullable String q,
            @Nullable String status,
            @Nullable String queue,
            @Nullable String priority,
            @Nullable String assignee,
            @Nullable String sort,
            @Nullable Integer limit,
            @Nullable String cursor) {}
}
