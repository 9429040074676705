package org.switchboard.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.customer.Customers;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.platform.TestApi.TestUser;

/** {@code GET /desk/events}: a signed-in page hears of the changes of the cases it may see. */
@SwitchboardIntegrationTest
class DeskEventsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cases cases;

    @Autowired
    Customers customers;

    private DeskFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new DeskFixtures(new TestApi(port, jdbc), cases, customers);
    }

    @Test
    void theStreamCarriesANoticeAfterACaseChangesButOnlyForVisibleCases() {
        String mine = fixtures.team(DeskFixtures.unique("Stream"));
        String other = fixtures.team(DeskFixtures.unique("Elsewhere"));
        TestUser agent = fixtures.agent(mine);
        var myQueue = fixtures.queue(mine, DeskFixtures.unique("Live"));
        var otherQueue = fixtures.queue(other, DeskFixtures.unique("Hidden"));
        var customer = fixtures.customer(DeskFixtures.unique("Emmy Noether"));
        CaseView visible = fixtures.openCase(myQueue, customer, "Live case", "Hello");
        CaseView hidden = fixtures.openCase(otherQueue, customer, "Hidden case", "Hello");

        WebSession session = WebSession.signIn("http://localhost:" + port, agent.username(), TestApi.PASSWORD);
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<HttpResponse<Void>> stream = session.client()
                .sendAsync(
                        HttpRequest.newBuilder(URI.create(session.base() + "/desk/events"))
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.fromLineSubscriber(new java.util.concurrent.Flow.Subscriber<>() {
                            @Override
                            public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                                subscription.request(Long.MAX_VALUE);
                            }

                            @Override
                            public void onNext(String line) {
                                lines.add(line);
                            }

                            @Override
                            public void onError(Throwable throwable) {}

                            @Override
                            public void onComplete() {}
                        }));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains(":connected"));

            cases.change(hidden.id(), CaseChange.status(CaseStatus.OPEN), null, null);
            cases.change(visible.id(), CaseChange.status(CaseStatus.OPEN), null, null);

            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(lines)
                            .contains("event:case")
                            .anyMatch(line -> line.startsWith("data:")
                                    && line.contains(visible.id().toString())));
            assertThat(lines).noneMatch(line -> line.contains(hidden.id().toString()));
        } finally {
            stream.cancel(true);
            session.client().shutdownNow();
        }
    }

    @Test
    void theStreamNeedsASignIn() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/desk/events"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(302);
    }
}
