package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.switchboard.cases.CaseTests.unique;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.customer.CustomersMerged;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** When customers merge, the merged customer's cases follow the survivor. */
@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class})
class CustomerMergeIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Customers customers;

    @Autowired
    Cases cases;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theMergedCustomersCasesMoveToTheSurvivor() {
        var api = new TestApi(port, jdbc);
        TestApi supervisor = api.as(api.createUser("supervisor"));
        QueueRef queue = InMemoryQueues.register("merge", new TeamId(UUID.randomUUID()));
        String mergedEmail = unique("old") + "@example.test";
        CustomerId survivor =
                customers.identifyOrCreate(ChannelIdentity.email(unique("new") + "@example.test"), "Survivor");
        String caseId = CaseTests.create(supervisor, unique("Merge"), mergedEmail, queue, "normal")
                .get("id")
                .asString();
        CustomerId merged = CustomerId.parse(supervisor
                .get("/api/v1/cases/" + caseId)
                .json()
                .get("customer")
                .get("id")
                .asString());

        transactions.executeWithoutResult(status -> events.publishEvent(new CustomersMerged(survivor, merged)));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                cases.get(CaseId.parse(caseId), null).customer().id())
                        .isEqualTo(survivor));
        assertThat(cases.timeline(CaseId.parse(caseId), null))
                .anyMatch(e -> e.type().equals("customer"));
        assertThat(cases.list(CaseFilter.all().withCustomer(merged), null).items())
                .isEmpty();
    }
}
