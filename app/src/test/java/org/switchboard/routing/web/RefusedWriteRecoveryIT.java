package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.routing.internal.dispatch.Dispatcher;

/**
 * A routing decision the database refuses (its row changed outside routing) does not leave memory and
 * database apart: the call fails, routing reloads its state from the database and routes again.
 */
@SwitchboardIntegrationTest
class RefusedWriteRecoveryIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Test
    void aRefusedOfferMakesRoutingReloadAndRouteAgain() {
        LiveRouting routing = new LiveRouting(new TestApi(port, jdbc));
        String stale = enqueue(routing);
        // the item's row changes behind routing's back: offering it will be refused by the database
        jdbc.sql("update work_item set status = 'cancelled', completed_at = now() where id = ?::uuid")
                .param(stale)
                .update();
        long recoveries = dispatcher.recoveries();
        LiveRouting.Agent agent = routing.agent(4);

        var presence = agent.presence("available", "api");

        assertThat(presence.status()).as(presence.toString()).isIn(200, 409);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> dispatcher.recoveries() > recoveries);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() ->
                        routing.line().isEmpty() && agent.current().get("offer").isNull());
        assertThat(agent.current().get("state").asString()).isEqualTo("available");
        String next = enqueue(routing);
        String offer = agent.awaitOffer();
        assertThat(jdbc.sql("select work_item_id::text from offer where id = ?::uuid")
                        .param(offer)
                        .query(String.class)
                        .single())
                .isEqualTo(next);
    }

    private static String enqueue(LiveRouting routing) {
        var response = routing.supervisor.post(
                "/api/v1/work-items", "{\"queue\": \"%s\", \"channel\": \"chat\"}".formatted(routing.queueId));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("item").get("id").asString();
    }
}
