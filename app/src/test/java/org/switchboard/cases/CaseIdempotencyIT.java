package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** {@code Idempotency-Key} on case creation: replays, conflicting reuse and concurrent duplicates. */
@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class})
class CaseIdempotencyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi supervisor;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        var api = new TestApi(port, jdbc);
        supervisor = api.as(api.createUser("supervisor"));
        queue = InMemoryQueues.register("idempotent", new TeamId(UUID.randomUUID()));
    }

    private long casesWithSubject(String subject) {
        return jdbc.sql("select count(*) from support_case where subject = ?")
                .param(subject)
                .query(Long.class)
                .single();
    }

    @Test
    void aReplayReturnsTheOriginalResponse() {
        String subject = unique("Replayed");
        String body = CaseTests.createJson(subject, unique("r") + "@example.test", queue.name(), "normal");
        String key = UUID.randomUUID().toString();

        var first = supervisor.post("/api/v1/cases", body, "Idempotency-Key", key);
        var replay = supervisor.post("/api/v1/cases", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.json().get("id").asString())
                .isEqualTo(first.json().get("id").asString());
        assertThat(replay.json().get("number").asString())
                .isEqualTo(first.json().get("number").asString());
        assertThat(casesWithSubject(subject)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422() {
        String key = UUID.randomUUID().toString();
        String email = unique("k") + "@example.test";
        var first = supervisor.post(
                "/api/v1/cases",
                CaseTests.createJson(unique("One"), email, queue.name(), "normal"),
                "Idempotency-Key",
                key);
        var other = supervisor.post(
                "/api/v1/cases",
                CaseTests.createJson(unique("Two"), email, queue.name(), "normal"),
                "Idempotency-Key",
                key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(other.status()).isEqualTo(422);
    }

    @Test
    void twentyConcurrentDuplicatesCreateExactlyOneCase() throws Exception {
        String subject = unique("Concurrent");
        String body = CaseTests.createJson(subject, unique("c") + "@example.test", queue.name(), "high");
        String key = UUID.randomUUID().toString();
        List<Callable<TestApi.Response>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(() -> supervisor.post("/api/v1/cases", body, "Idempotency-Key", key));
        }
        List<TestApi.Response> responses = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(20)) {
            for (Future<TestApi.Response> future : pool.invokeAll(calls)) {
                responses.add(future.get());
            }
        }

        assertThat(casesWithSubject(subject)).isEqualTo(1);
        var created = responses.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created.stream().map(r -> r.json().get("id").asString()).distinct())
                .hasSize(1);
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
    }
}
