package org.switchboard.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueId;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.platform.TestApi;
import org.switchboard.platform.TestApi.TestUser;

/**
 * Data for desk tests, made through the modules' own APIs: teams and queues over the REST API as an
 * admin, customers and cases through the {@code Customers} and {@code Cases} facades. Every name is
 * unique, so tests never see each other's data.
 */
final class DeskFixtures {

    record Queue(String id, String name) {
        QueueId queueId() {
            return QueueId.parse(id);
        }
    }

    private final TestApi api;
    private final Cases cases;
    private final Customers customers;
    private final TestUser admin;

    DeskFixtures(TestApi api, Cases cases, Customers customers) {
        this.api = api;
        this.cases = cases;
        this.customers = customers;
        this.admin = api.createUser("admin");
    }

    static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    String team(String name) {
        var response = api.as(admin).post("/api/v1/teams", "{\"name\":\"" + name + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json().get("id").asString();
    }

    /** A new agent in these teams. */
    TestUser agent(String... teams) {
        TestUser agent = api.createUser("agent");
        for (String team : teams) {
            var response = api.as(admin).put("/api/v1/teams/" + team + "/members/" + agent.id(), null);
            assertThat(response.status()).as(response.toString()).isEqualTo(200);
        }
        return agent;
    }

    Queue queue(String team, String name) {
        var response = api.as(admin).post("/api/v1/queues", "{\"name\":\"" + name + "\",\"team\":\"" + team + "\"}");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return new Queue(response.json().get("id").asString(), name);
    }

    CustomerId customer(String name) {
        String email = name.toLowerCase().replaceAll("[^a-z0-9]+", ".") + "@example.test";
        return customers.identifyOrCreate(ChannelIdentity.email(email), name);
    }

    CaseView openCase(@Nullable Queue queue, CustomerId customer, String subject, String firstMessage) {
        return cases.open(
                new OpenCase(
                        subject,
                        customer,
                        queue == null ? null : queue.queueId(),
                        Priority.NORMAL,
                        Channel.EMAIL,
                        MessageDraft.text(firstMessage),
                        null,
                        null),
                null);
    }
}
