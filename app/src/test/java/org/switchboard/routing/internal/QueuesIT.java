package org.switchboard.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** Queues read by id are kept in memory; a change, committed or not, never leaves an old or uncommitted copy. */
@SwitchboardIntegrationTest
class QueuesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Queues queues;

    @Autowired
    TransactionTemplate transactions;

    private String team;
    private String id;

    @BeforeEach
    void queue() {
        TestApi admin = new TestApi(port, jdbc).as(new TestApi(port, jdbc).createUser("admin"));
        var created = admin.post("/api/v1/teams", "{\"name\": \"Queues " + UUID.randomUUID() + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        team = created.json().get("id").asString();
        id = queues.create(draft("Kept " + UUID.randomUUID(), 10)).id().toString();
    }

    @Test
    void aCommittedChangeIsReadAtOnce() {
        assertThat(queues.get(id).basePriority()).isEqualTo(10); // kept from here on
        assertThat(queues.get(id).basePriority()).isEqualTo(10);

        queues.update(id, draft(queues.get(id).name(), 20), null);

        assertThat(queues.get(id).basePriority()).isEqualTo(20);
    }

    @Test
    void aChangeRolledBackLeavesNoUncommittedCopy() {
        assertThat(queues.get(id).basePriority()).isEqualTo(10);

        transactions.executeWithoutResult(status -> {
            queues.update(id, draft(queues.get(id).name(), 30), null);
            // the changing transaction sees its own change, and does not keep it for others
            assertThat(queues.get(id).basePriority()).isEqualTo(30);
            // another thread meanwhile reads what is committed
            assertThat(CompletableFuture.supplyAsync(() -> queues.get(id).basePriority())
                            .join())
                    .isEqualTo(10);
            status.setRollbackOnly();
        });

        assertThat(queues.get(id).basePriority()).isEqualTo(10);
    }

    private QueueDraft draft(String name, int basePriority) {
        return new QueueDraft(name, team, List.of(), null, basePriority, true);
    }
}
