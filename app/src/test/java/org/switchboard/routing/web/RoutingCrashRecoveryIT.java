package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/**
 * Kills a separate Switchboard process with SIGKILL while work waits and an offer is open, starts it again
 * on the same database, and checks that every waiting item is back in the same order and that the offer
 * open at the kill was withdrawn (its agent holds nothing from before).
 */
@SwitchboardIntegrationTest
class RoutingCrashRecoveryIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private Process child;

    @AfterEach
    void stopChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void afterKillNineAndRestartEveryWaitingItemIsBackInOrderAndNoOfferSurvives() throws Exception {
        LiveRouting setup = new LiveRouting(new TestApi(port, jdbc));
        LiveRouting.Agent agent = setup.agent(4);
        int childPort = freePort();
        child = start(childPort);
        TestApi childApi = awaitReady(childPort);

        // the child process routes: cases opened through it are enqueued by its listener
        TestApi supervisorOnChild = childApi.as(setup.supervisorUser);
        for (int i = 0; i < 6; i++) {
            var response = supervisorOnChild.post("/api/v1/cases", """
                    {"subject": "Crash %d", "customer": {"email": "crash-%s@example.test"}, "queue": "%s",
                     "priority": "%s", "message": {"text": "Waiting."}}""".formatted(
                    i, UUID.randomUUID().toString().substring(0, 8), setup.queueName, i == 3 ? "high" : "normal"));
            assertThat(response.status()).as(response.toString()).isEqualTo(201);
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> line(supervisorOnChild, setup).size() == 6);
        TestApi agentOnChild = childApi.as(agent.user());
        var available = agentOnChild.put("/api/v1/agents/" + agent.id() + "/presence", "{\"state\": \"available\"}");
        assertThat(available.status()).as(available.toString()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> openOffers(setup) == 1);
        List<String> before = ids(line(supervisorOnChild, setup));

        new ProcessBuilder("kill", "-KILL", Long.toString(child.pid()))
                .inheritIO()
                .start()
                .waitFor();
        assertThat(child.waitFor()).isEqualTo(137);

        child = start(childPort);
        awaitReady(childPort);
        List<String> after = ids(line(supervisorOnChild, setup));

        assertThat(after).containsExactlyElementsOf(before);
        assertThat(jdbc.sql("""
                        select count(*) from offer o join work_item w on w.id = o.work_item_id
                        where w.queue_id = ?::uuid and o.status = 'withdrawn'""").param(setup.queueId).query(Long.class).single())
                .isEqualTo(1);
        // nothing is reserved from before the kill; a new offer (the agent is still available) is the only one
        assertThat(openOffers(setup)).isLessThanOrEqualTo(1);
        // an item on offer still waits in its row: none is assigned without an accepted offer
        assertThat(jdbc.sql("""
                        select count(*) from work_item w where w.queue_id = ?::uuid and w.status <> 'waiting'
                        and not exists (select 1 from offer o where o.work_item_id = w.id and o.status = 'accepted')""").param(setup.queueId).query(Long.class).single())
                .isZero();
    }

    private long openOffers(LiveRouting setup) {
        return jdbc.sql("""
                        select count(*) from offer o join work_item w on w.id = o.work_item_id
                        where w.queue_id = ?::uuid and o.status = 'open'""").param(setup.queueId).query(Long.class).single();
    }

    private static JsonNode line(TestApi api, LiveRouting setup) {
        var response = api.get("/api/v1/queues/" + setup.queueId + "/work-items");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> ids(JsonNode line) {
        List<String> ids = new ArrayList<>();
        line.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private Process start(int childPort) throws IOException, java.sql.SQLException {
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        String java = ProcessHandle.current().info().command().orElse("java");
        File log = new File("target/routing-crash-child.log");
        return new ProcessBuilder(
                        java,
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "org.switchboard.SwitchboardApplication",
                        "--server.port=" + childPort,
                        "--switchboard.demo-data=false",
                        // mailboxes other tests left in the shared database are not this test's subject
                        "--switchboard.email.fetch.enabled=false",
                        "--switchboard.data-dir=target/crash-data",
                        "--switchboard.db.url=" + hikari.getJdbcUrl(),
                        "--switchboard.db.user=" + hikari.getUsername(),
                        "--switchboard.db.password=" + (hikari.getPassword() == null ? "" : hikari.getPassword()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
                .start();
    }

    private TestApi awaitReady(int childPort) {
        TestApi api = new TestApi(childPort, jdbc);
        Awaitility.await()
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    assertThat(child.isAlive())
                            .as("the child process died; see target/routing-crash-child.log")
                            .isTrue();
                    return api.get("/api/v1/queues").status() == 401;
                });
        return api;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
