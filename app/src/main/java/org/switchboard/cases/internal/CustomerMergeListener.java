package org.switchboard.cases.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.cases.CaseCustomerChanged;
import org.switchboard.cases.CaseEventHeader;
import org.switchboard.customer.Customers;
import org.switchboard.customer.CustomersMerged;

/**
 * When two customers are merged, the merged customer's cases follow the survivor. Idempotent: a
 * redelivered event finds no case left to move.
 */
@Component
class CustomerMergeListener {

    private final JdbcClient jdbc;
    private final Customers customers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CustomerMergeListener(JdbcClient jdbc, Customers customers, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(CustomersMerged merged) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String survivorName =
                customers.find(merged.survivor()).map(c -> c.name()).orElse(null);
        List<CaseRow> moved = jdbc.sql(
                        "update support_case set customer_id = ?, customer_name = coalesce(?, customer_name),"
                                + " updated_at = ?, version = version + 1 where customer_id = ? returning "
                                + CaseRow.COLUMNS)
                .params(
                        merged.survivor().value(),
                        survivorName,
                        Sql.ts(now),
                        merged.merged().value())
                .query(CaseRow::map)
                .list();
        if (moved.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into case_activity (case_id, at, actor_kind, type, field, from_value, to_value)
                        select id, ?, 'system', 'customer', 'customer', ?, ? from support_case where id = any(?::uuid[])""")
                .params(
                        Sql.ts(now),
                        merged.merged().toString(),
                        merged.survivor().toString(),
                        Sql.uuids(moved.stream().map(r -> r.id().value()).toList()))
                .update();
        for (CaseRow row : moved) {
            events.publishEvent(new CaseCustomerChanged(
                    new CaseEventHeader(
                            UUID.randomUUID(),
                            now,
                            row.id(),
                            null,
                            row.assigneeId(),
                            row.queueId(),
                            row.channel(),
                            row.customerId()),
                    merged.merged()));
        }
    }
}
