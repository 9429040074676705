package org.switchboard.customer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomersMerged;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class CustomerApiIT {

    private static final List<CustomersMerged> MERGES = new CopyOnWriteArrayList<>();
    private static boolean listening;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConfigurableApplicationContext context;

    private TestApi agent;
    private TestApi admin;
    private TestApi.TestUser agentUser;
    private String run;

    @BeforeEach
    void setUp() {
        TestApi api = new TestApi(port, jdbc);
        agentUser = api.createUser("agent");
        agent = api.as(agentUser);
        admin = api.as(api.createUser("admin"));
        run = UUID.randomUUID().toString().substring(0, 8);
        synchronized (CustomerApiIT.class) {
            if (!listening) {
                context.addApplicationListener(ApplicationListener.<CustomersMerged>forPayload(MERGES::add));
                listening = true;
            }
        }
    }

    /** A phone number no other test run uses, as {@code +44 20 nnnn nnnn}. */
    private static String phone() {
        String digits = String.format(
                "%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
        return "+44 20 " + digits.substring(0, 4) + "-" + digits.substring(4);
    }

    private static String e164(String phone) {
        return phone.replaceAll("[^+0-9]", "");
    }

    private String email(String who) {
        return who + "-" + run + "@example.test";
    }

    private JsonNode create(String json) {
        var response = agent.post("/api/v1/customers", json);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    /** The audit entries with this action about this record, newest first, read through identity's audit API. */
    private List<JsonNode> audit(String action, String entityId) {
        var response = admin.get("/api/v1/audit?action=" + action + "&entityId=" + entityId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.json().get("items").spliterator(), false)
                .toList();
    }

    private static List<String> fields(TestApi.Response response) {
        return StreamSupport.stream(response.json().get("errors").spliterator(), false)
                .map(e -> e.get("field").asString())
                .toList();
    }

    @Test
    void createsACustomerWithNormalizedIdentities() {
        String phone = phone();
        var response = agent.post("/api/v1/customers", """
                {"name": "Ada Lovelace %s", "organization": {"name": "Analytical %s", "emailDomain": "analytical-%s.test"},
                 "preferredLanguage": "EN", "timeZone": "Europe/London", "tier": "gold",
                 "tags": ["VIP", "math"], "notes": "Prefers email",
                 "identities": [{"kind": "email", "value": " Ada.%s@Example.TEST "},
                                {"kind": "phone", "value": "%s"},
                                {"kind": "chat_visitor", "value": "visitor-%s"},
                                {"kind": "portal_account", "value": "ada-%s"}]}""".formatted(run, run, run, run, phone, run, run));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode customer = response.json();
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.header("Location"))
                .isEqualTo("/api/v1/customers/" + customer.get("id").asString());
        assertThat(customer.get("name").asString()).isEqualTo("Ada Lovelace " + run);
        assertThat(customer.get("organization").get("name").asString()).isEqualTo("Analytical " + run);
        assertThat(customer.get("organization").get("emailDomain").asString()).isEqualTo("analytical-" + run + ".test");
        assertThat(customer.get("preferredLanguage").asString()).isEqualTo("en");
        assertThat(customer.get("timeZone").asString()).isEqualTo("Europe/London");
        assertThat(customer.get("tier").asString()).isEqualTo("gold");
        assertThat(customer.get("tierValue").asInt()).isEqualTo(10);
        assertThat(customer.get("tags").toString()).isEqualTo("[\"math\",\"vip\"]");
        assertThat(customer.get("notes").asString()).isEqualTo("Prefers email");
        assertThat(customer.get("version").asLong()).isZero();
        assertThat(customer.get("createdAt").asString()).isNotBlank();
        List<String> identities = new ArrayList<>();
        customer.get("identities").forEach(i -> {
            assertThat(i.get("id").asString()).isNotBlank();
            identities.add(i.get("kind").asString() + ":" + i.get("value").asString());
        });
        assertThat(identities)
                .containsExactly(
                        "email:ada." + run + "@example.test",
                        "phone:" + e164(phone),
                        "chat_visitor:visitor-" + run,
                        "portal_account:ada-" + run);
    }

    @Test
    void readingACustomerReturnsItWithItsETagAndIsAudited() {
        String id = create("{\"name\": \"Grace\", \"email\": \"%s\"}".formatted(email("grace")))
                .get("id")
                .asString();

        var response = agent.get("/api/v1/customers/" + id);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.json().get("identities").get(0).get("value").asString())
                .isEqualTo(email("grace"));
        assertThat(response.json().get("tier").asString()).isEqualTo("standard");
        assertThat(response.json().get("tierValue").asInt()).isZero();
        assertThat(audit("customer.viewed", id)).singleElement().satisfies(entry -> {
            assertThat(entry.get("actorUsername").asString()).isEqualTo(agentUser.username());
            assertThat(entry.get("actorId").asString()).isEqualTo(agentUser.id());
            assertThat(entry.get("entityType").asString()).isEqualTo("customer");
        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\": \"X\", \"email\": \"not-an-email\"}                                   | email",
                "{\"name\": \"X\", \"phone\": \"0612345678\"}                                     | phone",
                "{\"name\": \"X\", \"identities\": [{\"kind\": \"phone\", \"value\": \"+12\"}]}    | identities[0].value",
                "{\"name\": \"X\", \"identities\": [{\"kind\": \"fax\", \"value\": \"1\"}]}        | identities[0].kind",
                "{\"name\": \"X\", \"preferredLanguage\": \"english\"}                            | preferredLanguage",
                "{\"name\": \"X\", \"tier\": \"diamond\"}                                         | tier",
                "{\"name\": \"X\", \"timeZone\": \"Mars/Olympus_Mons\"}                           | timeZone",
                "{\"name\": \"X\", \"tags\": \"vip\"}                                             | tags",
                "{\"name\": \"X\", \"organization\": {\"name\": \"A\", \"emailDomain\": \"x y\"}}  | organization.emailDomain",
                "{\"name\": 42}                                                                    | name",
                "{\"tier\": \"gold\"}                                                              | name"
            })
    void invalidFieldsAre400NamingTheField(String json, String field) {
        var response = agent.post("/api/v1/customers", json);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(fields(response)).containsExactly(field);
    }

    @Test
    void malformedJsonIs400() {
        var response = agent.post("/api/v1/customers", "{\"name\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(agent.post("/api/v1/customers", "[1, 2]").status()).isEqualTo(400);
    }

    @Test
    void unknownIdsAre404() {
        assertThat(agent.get("/api/v1/customers/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(agent.get("/api/v1/customers/not-an-id").status()).isEqualTo(404);
        assertThat(agent.patch("/api/v1/customers/" + UUID.randomUUID(), "{\"name\": \"Z\"}")
                        .status())
                .isEqualTo(404);
        String id = create("{\"name\": \"Lonely\"}").get("id").asString();
        assertThat(agent.delete("/api/v1/customers/" + id + "/identities/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anIdentityBelongsToOneCustomer() {
        String address = email("shared");
        String first = create("{\"name\": \"First\", \"email\": \"%s\"}".formatted(address))
                .get("id")
                .asString();

        var secondCreate = agent.post(
                "/api/v1/customers", "{\"name\": \"Second\", \"email\": \"%s\"}".formatted(address.toUpperCase()));
        assertThat(secondCreate.status()).as(secondCreate.toString()).isEqualTo(409);

        String second = create("{\"name\": \"Second\"}").get("id").asString();
        var claim = agent.post(
                "/api/v1/customers/" + second + "/identities",
                "{\"kind\": \"email\", \"value\": \"%s\"}".formatted(address));
        assertThat(claim.status()).isEqualTo(409);
        assertThat(claim.json().get("detail").asString()).contains(first);
    }

    @Test
    void identitiesAreAddedAndRemoved() {
        JsonNode created = create("{\"name\": \"Ida\"}");
        String id = created.get("id").asString();
        String phone = phone();

        var added = agent.post(
                "/api/v1/customers/" + id + "/identities",
                "{\"kind\": \"phone\", \"value\": \"%s\"}".formatted(phone),
                "If-Match",
                "\"0\"");
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.header("ETag")).isEqualTo("\"1\"");
        JsonNode identity = added.json().get("identities").get(0);
        assertThat(identity.get("kind").asString()).isEqualTo("phone");
        assertThat(identity.get("value").asString()).isEqualTo(e164(phone));

        var again = agent.post(
                "/api/v1/customers/" + id + "/identities",
                "{\"kind\": \"phone\", \"value\": \"%s\"}".formatted(e164(phone)));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("identities")).hasSize(1);

        var stale = agent.delete(
                "/api/v1/customers/" + id + "/identities/" + identity.get("id").asString(), "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);

        var removed = agent.delete(
                "/api/v1/customers/" + id + "/identities/" + identity.get("id").asString());
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("identities")).isEmpty();
        assertThat(removed.header("ETag")).isEqualTo("\"2\"");

        var bad = agent.post("/api/v1/customers/" + id + "/identities", "{\"kind\": \"email\", \"value\": \"nope\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(fields(bad)).containsExactly("value");
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndRefusesAStaleVersion() {
        JsonNode created = create(
                "{\"name\": \"Pat\", \"tier\": \"gold\", \"notes\": \"n\", \"preferredLanguage\": \"fr\", \"organization\": \"Org %s\"}"
                        .formatted(run));
        String id = created.get("id").asString();

        var patched = agent.patch(
                "/api/v1/customers/" + id,
                "{\"tier\": \"platinum\", \"notes\": null, \"tags\": [\"renewal\"]}",
                "If-Match",
                "\"0\"");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.header("ETag")).isEqualTo("\"1\"");
        JsonNode customer = patched.json();
        assertThat(customer.get("tier").asString()).isEqualTo("platinum");
        assertThat(customer.get("tierValue").asInt()).isEqualTo(20);
        assertThat(customer.get("notes").isNull()).isTrue();
        assertThat(customer.get("name").asString()).isEqualTo("Pat");
        assertThat(customer.get("preferredLanguage").asString()).isEqualTo("fr");
        assertThat(customer.get("organization").get("name").asString()).isEqualTo("Org " + run);
        assertThat(customer.get("tags").get(0).asString()).isEqualTo("renewal");

        var stale = agent.patch("/api/v1/customers/" + id, "{\"name\": \"Late\"}", "If-Match", "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(agent.get("/api/v1/customers/" + id).json().get("name").asString())
                .isEqualTo("Pat");

        var badZone = agent.patch("/api/v1/customers/" + id, "{\"timeZone\": \"Nowhere\"}");
        assertThat(badZone.status()).isEqualTo(400);
        assertThat(fields(badZone)).containsExactly("timeZone");
        var noName = agent.patch("/api/v1/customers/" + id, "{\"name\": null}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(fields(noName)).containsExactly("name");
    }

    @Test
    void listsArePagedByCursorAndFiltered() {
        String prefix = "Pager " + run;
        for (int i = 0; i < 5; i++) {
            create("{\"name\": \"%s %d\", \"tier\": \"%s\", \"tags\": [\"t-%s\"], \"email\": \"%s\"}"
                    .formatted(prefix, i, i % 2 == 0 ? "gold" : "standard", run, email("pager" + i)));
        }
        String q = "pager%20" + run;

        List<String> names = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = agent.get("/api/v1/customers?q=" + q + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach(item -> names.add(item.get("name").asString()));
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly(prefix + " 0", prefix + " 1", prefix + " 2", prefix + " 3", prefix + " 4");

        var lastPage = agent.get("/api/v1/customers?q=" + q + "&limit=5");
        assertThat(lastPage.json().has("nextCursor")).isFalse();

        var gold = agent.get("/api/v1/customers?tier=gold&tag=t-" + run);
        assertThat(gold.json().get("items")).hasSize(3);

        var byEmail = agent.get("/api/v1/customers?email=" + email("pager3").toUpperCase());
        assertThat(byEmail.json().get("items")).hasSize(1);
        assertThat(byEmail.json().get("items").get(0).get("name").asString()).isEqualTo(prefix + " 3");

        var byEmailPrefix = agent.get("/api/v1/customers?q=pager4-" + run);
        assertThat(byEmailPrefix.json().get("items")).hasSize(1);

        var tooMany = agent.get("/api/v1/customers?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(fields(tooMany)).containsExactly("limit");
        assertThat(agent.get("/api/v1/customers?cursor=%25%25%25").status()).isEqualTo(400);
    }

    @Test
    void searchFindsCustomersByOrganizationPrefix() {
        create("{\"name\": \"Member\", \"organization\": \"Zeta Org %s\"}".formatted(run));
        var page = agent.get("/api/v1/customers?q=zeta%20org%20" + run);
        assertThat(page.json().get("items")).hasSize(1);
        assertThat(page.json()
                        .get("items")
                        .get(0)
                        .get("organization")
                        .get("name")
                        .asString())
                .isEqualTo("Zeta Org " + run);
    }

    @Test
    void mergeMovesIdentitiesFillsInFieldsAndPublishesCustomersMerged() {
        String phone = phone();
        JsonNode survivor =
                create("{\"name\": \"Keep\", \"tags\": [\"a\"], \"email\": \"%s\"}".formatted(email("keep")));
        JsonNode duplicate = create(
                "{\"name\": \"Dup\", \"tier\": \"platinum\", \"tags\": [\"b\"], \"preferredLanguage\": \"ru\", \"timeZone\": \"Europe/Moscow\", \"organization\": \"Merge Org %s\", \"email\": \"%s\", \"phone\": \"%s\"}"
                        .formatted(run, email("dup"), phone));
        String survivorId = survivor.get("id").asString();
        String duplicateId = duplicate.get("id").asString();

        var merged =
                agent.post("/api/v1/customers/" + survivorId + "/merge", "{\"from\": \"%s\"}".formatted(duplicateId));

        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        JsonNode customer = merged.json();
        assertThat(customer.get("id").asString()).isEqualTo(survivorId);
        assertThat(customer.get("name").asString()).isEqualTo("Keep");
        assertThat(customer.get("tier").asString()).isEqualTo("platinum");
        assertThat(customer.get("preferredLanguage").asString()).isEqualTo("ru");
        assertThat(customer.get("timeZone").asString()).isEqualTo("Europe/Moscow");
        assertThat(customer.get("organization").get("name").asString()).isEqualTo("Merge Org " + run);
        assertThat(customer.get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
        Set<String> values = new java.util.HashSet<>();
        customer.get("identities").forEach(i -> values.add(i.get("value").asString()));
        assertThat(values).containsExactlyInAnyOrder(email("keep"), email("dup"), e164(phone));

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(MERGES)
                        .contains(new CustomersMerged(CustomerId.parse(survivorId), CustomerId.parse(duplicateId))));
        assertThat(audit("customer.merged", survivorId)).singleElement().satisfies(entry -> {
            assertThat(entry.get("actorUsername").asString()).isEqualTo(agentUser.username());
            assertThat(entry.get("details").get("merged").asString()).isEqualTo(duplicateId);
        });

        var viaMergedId = agent.get("/api/v1/customers/" + duplicateId);
        assertThat(viaMergedId.status()).isEqualTo(200);
        assertThat(viaMergedId.json().get("id").asString()).isEqualTo(survivorId);
        assertThat(viaMergedId.header("Content-Location")).isEqualTo("/api/v1/customers/" + survivorId);

        var searchByMovedEmail = agent.get("/api/v1/customers?email=" + email("dup"));
        assertThat(searchByMovedEmail.json().get("items").get(0).get("id").asString())
                .isEqualTo(survivorId);

        var again =
                agent.post("/api/v1/customers/" + survivorId + "/merge", "{\"from\": \"%s\"}".formatted(duplicateId));
        assertThat(again.status()).isEqualTo(409);
        var self = agent.post("/api/v1/customers/" + survivorId + "/merge", "{\"from\": \"%s\"}".formatted(survivorId));
        assertThat(self.status()).isEqualTo(422);
        var missing = agent.post("/api/v1/customers/" + survivorId + "/merge", "{}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).containsExactly("from");
        var unknown = agent.post(
                "/api/v1/customers/" + survivorId + "/merge", "{\"from\": \"%s\"}".formatted(UUID.randomUUID()));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void mergeWithAStaleIfMatchIs412() {
        String survivorId = create("{\"name\": \"S\"}").get("id").asString();
        String otherId = create("{\"name\": \"O\"}").get("id").asString();
        agent.patch("/api/v1/customers/" + survivorId, "{\"notes\": \"changed\"}");

        var stale = agent.post(
                "/api/v1/customers/" + survivorId + "/merge",
                "{\"from\": \"%s\"}".formatted(otherId),
                "If-Match",
                "\"0\"");

        assertThat(stale.status()).isEqualTo(412);
        assertThat(agent.get("/api/v1/customers/" + otherId).json().get("id").asString())
                .isEqualTo(otherId);
    }

    @Test
    void theApiNeedsASignedInUser() {
        assertThat(new TestApi(port, jdbc).get("/api/v1/customers").status()).isEqualTo(401);
    }
}
