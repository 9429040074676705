package org.switchboard.cases.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.cases.AgentRef;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.CaseSort;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseSummary;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueCounts;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerSummary;
import org.switchboard.customer.Customers;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.Cursor;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Page;

/**
 * Case lists with keyset pagination: one query for the page (limit + 1 rows, ordered by the sort key
 * and the id, matching an index) and one batch lookup each for customers, queues and assignees.
 */
@Component
class CaseLists {

    /** What an actor may see: everything, or the cases of some queues plus their own. */
    record Scope(boolean all, List<UUID> queues, @Nullable UUID user) {
        static final Scope ALL = new Scope(true, List.of(), null);

        boolean sees(CaseRow row) {
            return all
                    || (row.queueId() != null && queues.contains(row.queueId().value()))
                    || (row.assigneeId() != null && row.assigneeId().value().equals(user));
        }
    }

    private final JdbcClient jdbc;
    private final Customers customers;
    private final QueueDirectory queues;
    private final Users users;
    private final CasesProperties properties;
    private final Pattern numberPattern;

    CaseLists(JdbcClient jdbc, Customers customers, QueueDirectory queues, Users users, CasesProperties properties) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.queues = queues;
        this.users = users;
        this.properties = properties;
        this.numberPattern = Pattern.compile(
                "^(?:" + Pattern.quote(properties.numberPrefix()) + ")?(\\d{1,18})$", Pattern.CASE_INSENSITIVE);
    }

    Page<CaseSummary> list(CaseFilter filter, Scope scope) {
        int limit = Cursor.limit(filter.limit());
        var sql = new StringBuilder("select " + CaseRow.COLUMNS + " from support_case where true");
        var params = new ArrayList<Object>();
        where(filter, scope, sql, params);
        CaseSort sort = filter.sort();
        String key = key(sort);
        boolean desc = sort.wire().startsWith("-");
        if (filter.cursor() != null) {
            String[] parts = Cursor.decode(filter.cursor()).split("\\|");
            if (parts.length != 3 || !parts[0].equals(sort.wire())) {
                throw new InvalidInputException("cursor", "is not a cursor of this list and sort");
            }
            try {
                Object value = sort == CaseSort.PRIORITY_ASC || sort == CaseSort.PRIORITY_DESC
                        ? (Object) Integer.parseInt(parts[1])
                        : Sql.ts(Instant.parse(parts[1]));
                UUID id = UUID.fromString(parts[2]);
                sql.append(" and (")
                        .append(key)
                        .append(", id) ")
                        .append(desc ? "<" : ">")
                        .append(" (?, ?)");
                params.add(value);
                params.add(id);
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor returned by this API");
            }
        }
        String direction = desc ? " desc" : " asc";
        sql.append(" order by ").append(key).append(direction).append(", id").append(direction);
        sql.append(" limit ?");
        params.add(limit + 1);
        List<CaseRow> rows =
                jdbc.sql(sql.toString()).params(params).query(CaseRow::map).list();
        Page<CaseRow> page =
                Page.fromOverfetch(rows, limit, row -> sort.wire() + "|" + cursorValue(sort, row) + "|" + row.id());
        return new Page<>(summaries(page.items()), page.nextCursor());
    }

    long count(CaseFilter filter, Scope scope) {
        var sql = new StringBuilder("select count(*) from support_case where true");
        var params = new ArrayList<Object>();
        where(filter, scope, sql, params);
        return jdbc.sql(sql.toString()).params(params).query(Long.class).single();
    }

    /** Open and unassigned cases per queue: one statement, grouped by queue. */
    Map<QueueId, QueueCounts> countByQueue(Set<QueueId> queues, Scope scope) {
        var counts = new java.util.LinkedHashMap<QueueId, QueueCounts>();
        if (queues.isEmpty()) {
            return counts;
        }
        var sql = new StringBuilder("select queue_id,"
                + " count(*) filter (where status in ('new', 'open', 'pending')) as open,"
                + " count(*) filter (where status in ('new', 'open') and assignee_id is null) as unassigned"
                + " from support_case where queue_id = any(?::uuid[]) and status in ('new', 'open', 'pending')");
        var params = new ArrayList<Object>();
        params.add(Sql.uuids(queues.stream().map(QueueId::value).toList()));
        visibility(scope, sql, params);
        sql.append(" group by queue_id");
        queues.forEach(queue -> counts.put(queue, QueueCounts.none(queue)));
        jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> {
                    QueueId queue = new QueueId(rs.getObject("queue_id", UUID.class));
                    return new QueueCounts(queue, rs.getLong("open"), rs.getLong("unassigned"));
                })
                .list()
                .forEach(count -> counts.put(count.queue(), count));
        return counts;
    }

    private static void visibility(Scope scope, StringBuilder sql, List<Object> params) {
        if (!scope.all()) {
            sql.append(" and (queue_id = any(?::uuid[]) or assignee_id = ?)");
            params.add(Sql.uuids(scope.queues()));
            params.add(scope.user());
        }
    }

    private void where(CaseFilter filter, Scope scope, StringBuilder sql, List<Object> params) {
        visibility(scope, sql, params);
        Set<CaseStatus> statuses = filter.statuses();
        if (statuses != null && !statuses.isEmpty()) {
            if (statuses.size() == 1) {
                sql.append(" and status = ?");
                params.add(statuses.iterator().next().wire());
            } else {
                sql.append(" and status = any(?::text[])");
                params.add(statuses.stream().map(CaseStatus::wire).toArray(String[]::new));
            }
        }
        Set<Priority> priorities = filter.priorities();
        if (priorities != null && !priorities.isEmpty()) {
            if (priorities.size() == 1) {
                sql.append(" and priority = ?");
                params.add(priorities.iterator().next().ordinal());
            } else {
                sql.append(" and priority = any(?::smallint[])");
                params.add(priorities.stream().map(Priority::ordinal).toArray(Integer[]::new));
            }
        }
        if (filter.queue() != null) {
            sql.append(" and queue_id = ?");
            params.add(filter.queue().value());
        }
        if (filter.unassigned()) {
            sql.append(" and assignee_id is null");
        } else if (filter.assignee() != null) {
            sql.append(" and assignee_id = ?");
            params.add(filter.assignee().value());
        }
        if (filter.customer() != null) {
            sql.append(" and customer_id = ?");
            params.add(filter.customer().value());
        }
        if (filter.tag() != null && !filter.tag().isBlank()) {
            sql.append(" and tags @> array[?]::text[]");
            params.add(filter.tag().strip().toLowerCase(java.util.Locale.ROOT));
        }
        if (filter.updatedSince() != null) {
            sql.append(" and updated_at >= ?");
            params.add(Sql.ts(filter.updatedSince()));
        }
        if (filter.q() != null && !filter.q().isBlank()) {
            String q = filter.q().strip();
            var number = numberPattern.matcher(q);
            if (number.matches()) {
                sql.append(" and number = ?");
                params.add(Long.parseLong(number.group(1)));
            } else {
                String prefix = Sql.prefix(q.toLowerCase(java.util.Locale.ROOT));
                sql.append(" and (lower(subject) like ? or lower(customer_name) like ?)");
                params.add(prefix);
                params.add(prefix);
            }
        }
    }

    private static String key(CaseSort sort) {
        return switch (sort) {
            case UPDATED_ASC, UPDATED_DESC -> "updated_at";
            case CREATED_ASC, CREATED_DESC -> "created_at";
            case PRIORITY_ASC, PRIORITY_DESC -> "priority";
        };
    }

    private static String cursorValue(CaseSort sort, CaseRow row) {
        return switch (sort) {
            case UPDATED_ASC, UPDATED_DESC -> row.updatedAt().toString();
            case CREATED_ASC, CREATED_DESC -> row.createdAt().toString();
            case PRIORITY_ASC, PRIORITY_DESC -> Integer.toString(row.priority().ordinal());
        };
    }

    /** The page's customers, queues and assignees in one lookup each. */
    List<CaseSummary> summaries(List<CaseRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Set<CustomerId> customerIds = rows.stream().map(CaseRow::customerId).collect(Collectors.toSet());
        Set<QueueId> queueIds =
                rows.stream().map(CaseRow::queueId).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<UserId> userIds = new HashSet<>();
        rows.stream().map(CaseRow::assigneeId).filter(Objects::nonNull).forEach(userIds::add);
        Map<CustomerId, CustomerSummary> customerMap = customers.findAll(customerIds);
        Map<QueueId, QueueRef> queueMap = queueIds.isEmpty() ? Map.of() : queues.byId(queueIds);
        Map<UserId, UserSummary> userMap = userIds.isEmpty() ? Map.of() : users.findAll(userIds);
        String prefix = properties.numberPrefix();
        return rows.stream()
                .map(row -> {
                    UserSummary assignee = row.assigneeId() == null ? null : userMap.get(row.assigneeId());
                    AgentRef agent = assignee == null ? null : CaseService.agentRef(assignee);
                    return new CaseSummary(
                            row.id(),
                            row.number(prefix),
                            row.subject(),
                            row.status(),
                            row.pendingReason(),
                            row.priority(),
                            row.channel(),
                            CaseService.customerRef(row, customerMap.get(row.customerId())),
                            row.queueId() == null ? null : queueMap.get(row.queueId()),
                            agent,
                            row.tags(),
                            row.createdAt(),
                            row.updatedAt(),
                            row.version());
                })
                .toList();
    }
}
