package org.switchboard.analytics.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseEventHeader;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.CaseOpened;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.Channel;
import org.switchboard.cases.InMemoryQueues;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.StandInCollaborators;
import org.switchboard.customer.CustomerId;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class})
class InteractionEventLogIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InteractionEventLog log;

    TestApi anonymous;
    TestApi supervisor;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        anonymous = new TestApi(port, jdbc);
        supervisor = anonymous.as(anonymous.createUser("supervisor"));
        queue = InMemoryQueues.register("events", new TeamId(UUID.randomUUID()));
    }

    private String createCase() {
        var response = supervisor.post("/api/v1/cases", """
                {"subject": "Events", "customer": {"email": "%s@example.test"}, "queue": "%s", "priority": "high",
                 "message": {"text": "hi"}}""".formatted(UUID.randomUUID(), queue.name()));
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    private List<String> typesOf(String caseId) {
        return jdbc.sql("select type from interaction_event where case_id = ?::uuid order by id")
                .param(caseId)
                .query(String.class)
                .list();
    }

    @Test
    void everyCaseChangeIsAppended() {
        String id = createCase();
        supervisor.post("/api/v1/cases/" + id + "/replies", "{\"text\": \"on it\"}");
        supervisor.patch("/api/v1/cases/" + id, "{\"status\": \"resolved\", \"disposition\": \"fixed\"}");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(typesOf(id))
                        .contains(
                                "case.created",
                                "interaction.started",
                                "message.received",
                                "interaction.ended",
                                "message.sent",
                                "case.status_changed",
                                "case.resolved"));
        var created = jdbc.sql("""
                        select queue_id::text, channel, customer_id::text, attributes->>'priority' as priority
                        from interaction_event where case_id = ?::uuid and type = 'case.created'""")
                .param(id)
                .query((rs, n) -> List.of(rs.getString(1), rs.getString(2), rs.getString(4)))
                .single();
        assertThat(created).containsExactly(queue.id().toString(), "api", "high");
    }

    @Test
    void theLogRefusesUpdatesAndDeletes() {
        String id = createCase();
        await().atMost(Duration.ofSeconds(20)).until(() -> !typesOf(id).isEmpty());

        assertThatThrownBy(() -> jdbc.sql("update interaction_event set type = 'x' where case_id = ?::uuid")
                        .param(id)
                        .update())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from interaction_event where case_id = ?::uuid")
                        .param(id)
                        .update())
                .hasMessageContaining("append-only");
    }

    @Test
    void aRepublishedEventIsAppendedOnce() {
        var event = new CaseOpened(
                new CaseEventHeader(
                        UUID.randomUUID(),
                        Instant.now().truncatedTo(ChronoUnit.MICROS),
                        new CaseId(UUID.randomUUID()),
                        null,
                        null,
                        null,
                        Channel.EMAIL,
                        new CustomerId(UUID.randomUUID())),
                "SB-1",
                "Again",
                Priority.LOW,
                CaseStatus.NEW);

        log.append(event);
        log.append(event);

        assertThat(jdbc.sql("select count(*) from interaction_event where event_id = ?")
                        .param(event.eventId())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theFeedIsCursorPagedAndFilteredForSupervisors() {
        String id = createCase();
        await().atMost(Duration.ofSeconds(20)).until(() -> typesOf(id).size() >= 3);
        Instant since = Instant.now().minus(Duration.ofMinutes(5));

        var first = supervisor.get("/api/v1/events?type=case.created&limit=1&since=" + since);
        assertThat(first.status()).isEqualTo(200);
        JsonNode item = first.json().get("items").get(0);
        assertThat(item.get("type").asString()).isEqualTo("case.created");
        assertThat(item.get("attributes").isObject()).isTrue();
        String cursor = first.json().get("nextCursor").asString();
        var second = supervisor.get("/api/v1/events?type=case.created&limit=1&cursor=" + cursor);
        assertThat(Long.parseLong(second.json().get("items").get(0).get("id").asString()))
                .isGreaterThan(Long.parseLong(item.get("id").asString()));

        var future = supervisor.get("/api/v1/events?since=2999-01-01T00:00:00Z");
        assertThat(future.json().get("items").size()).isZero();
        assertThat(future.json().has("nextCursor")).isFalse();
        assertThat(supervisor.get("/api/v1/events?limit=501").status()).isEqualTo(400);
        assertThat(supervisor.get("/api/v1/events?since=soon").status()).isEqualTo(400);
        assertThat(anonymous
                        .as(anonymous.createUser("agent"))
                        .get("/api/v1/events")
                        .status())
                .isEqualTo(403);
    }
}
