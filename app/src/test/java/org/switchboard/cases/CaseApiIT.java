package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.create;
import static org.switchboard.cases.CaseTests.unique;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class CaseApiIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestApi anonymous;
    TestApi supervisor;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        anonymous = new TestApi(port, jdbc);
        supervisor = anonymous.as(anonymous.createUser("supervisor"));
        queue = RealQueues.on(anonymous).newQueue("billing");
    }

    @Test
    void createReturns201WithIdNumberNewStatusEtagAndLocation() {
        var response = supervisor.post(
                "/api/v1/cases",
                CaseTests.createJson("Invoice wrong", unique("ann") + "@example.test", queue.name(), "high"));

        assertThat(response.status()).isEqualTo(201);
        JsonNode body = response.json();
        assertThat(body.get("id").asString()).isNotBlank();
        assertThat(body.get("number").asString()).matches("SB-\\d{5,}");
        assertThat(body.get("status").asString()).isEqualTo("new");
        assertThat(body.get("priority").asString()).isEqualTo("high");
        assertThat(body.get("channel").asString()).isEqualTo("api");
        assertThat(body.get("queue").get("name").asString()).isEqualTo(queue.name());
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.header("Location"))
                .endsWith("/api/v1/cases/" + body.get("id").asString());
    }

    @Test
    void aCaseIsReadByIdAndByNumber() {
        JsonNode created = create(supervisor, queue);
        String id = created.get("id").asString();
        String number = created.get("number").asString();

        var byId = supervisor.get("/api/v1/cases/" + id);
        var byNumber = supervisor.get("/api/v1/cases/" + number);

        assertThat(byId.status()).isEqualTo(200);
        assertThat(byId.json().get("number").asString()).isEqualTo(number);
        assertThat(byId.header("ETag")).isEqualTo("\"0\"");
        assertThat(byNumber.status()).isEqualTo(200);
        assertThat(byNumber.json().get("id").asString()).isEqualTo(id);
    }

    @Test
    void numbersIncrease() {
        long first = Long.parseLong(
                create(supervisor, queue).get("number").asString().substring(3));
        long second = Long.parseLong(
                create(supervisor, queue).get("number").asString().substring(3));
        assertThat(second).isGreaterThan(first);
        assertThat(first).isGreaterThanOrEqualTo(10001);
    }

    @Test
    void listIsKeysetPagedAndTheLastPageHasNoCursor() {
        String email = unique("pager") + "@example.test";
        List<String> created = new ArrayList<>();
        String customer = null;
        for (int i = 0; i < 5; i++) {
            JsonNode body = create(supervisor, unique("Paged"), email, queue, "normal");
            created.add(body.get("id").asString());
            customer = body.get("customer").get("id").asString();
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = supervisor.get(
                    "/api/v1/cases?limit=2&customer=" + customer + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json()
                    .get("items")
                    .values()
                    .forEach(item -> seen.add(item.get("id").asString()));
            cursor = page.json().has("nextCursor")
                    ? page.json().get("nextCursor").asString()
                    : null;
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created.reversed());
    }

    @Test
    void listDefaultsTo50AndRefusesMoreThan500() {
        assertThat(supervisor.get("/api/v1/cases").status()).isEqualTo(200);
        assertThat(supervisor.get("/api/v1/cases?limit=500").status()).isEqualTo(200);
        var tooMany = supervisor.get("/api/v1/cases?limit=501");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void listFiltersByStatusQueueAssigneeTagQueryAndUpdatedSince() {
        QueueRef own = RealQueues.on(anonymous).newQueue("filters");
        String subject = unique("Filterable");
        JsonNode a = create(supervisor, subject + " one", unique("f") + "@example.test", own, "low");
        JsonNode b = create(supervisor, subject + " two", unique("f") + "@example.test", own, "urgent");
        String idA = a.get("id").asString();
        String idB = b.get("id").asString();
        var me = supervisor.get("/api/v1/cases/" + idA); // any call works; now assign b to the supervisor
        assertThat(me.status()).isEqualTo(200);
        var patched =
                supervisor.patch("/api/v1/cases/" + idB, "{\"assignee\": \"me\", \"tags\": [\"VIP\", \"refund\"]}");
        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);

        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.name()))).containsExactly(idB, idA);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&assignee=me")))
                .containsExactly(idB);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&assignee=none")))
                .containsExactly(idA);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&tag=vip")))
                .containsExactly(idB);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&status=new")))
                .containsExactly(idB, idA);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&status=open,pending")))
                .isEmpty();
        assertThat(ids(supervisor.get("/api/v1/cases?q=" + subject.toLowerCase())))
                .containsExactlyInAnyOrder(idA, idB);
        assertThat(ids(supervisor.get("/api/v1/cases?q=" + a.get("number").asString())))
                .containsExactly(idA);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&updatedSince=2999-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&sort=-priority")))
                .containsExactly(idB, idA);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&sort=created")))
                .containsExactly(idA, idB);
        assertThat(supervisor
                        .get("/api/v1/cases/count?queue=" + own.id())
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(2);
    }

    @Test
    void listAndCountFilterByOneOrSeveralPriorities() {
        QueueRef own = RealQueues.on(anonymous).newQueue("priorities");
        String low = create(supervisor, unique("Low"), unique("p") + "@example.test", own, "low")
                .get("id")
                .asString();
        String high = create(supervisor, unique("High"), unique("p") + "@example.test", own, "high")
                .get("id")
                .asString();
        String urgent = create(supervisor, unique("Urgent"), unique("p") + "@example.test", own, "urgent")
                .get("id")
                .asString();

        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&priority=high")))
                .containsExactly(high);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&priority=high,urgent")))
                .containsExactly(urgent, high);
        assertThat(ids(supervisor.get("/api/v1/cases?queue=" + own.id() + "&priority=low&priority=urgent")))
                .containsExactly(urgent, low);
        // a page of one still holds a row when the first match is not the newest case of the queue
        var firstPage = supervisor.get("/api/v1/cases?queue=" + own.id() + "&priority=low&limit=1");
        assertThat(ids(firstPage)).containsExactly(low);
        assertThat(supervisor
                        .get("/api/v1/cases/count?queue=" + own.id() + "&priority=high,urgent")
                        .json()
                        .get("count")
                        .asLong())
                .isEqualTo(2);

        for (String path : List.of("/api/v1/cases?priority=high,critical", "/api/v1/cases/count?priority=asap")) {
            var unknown = supervisor.get(path);
            assertThat(unknown.status()).as(path).isEqualTo(400);
            assertThat(unknown.json().get("errors").get(0).get("field").asString())
                    .isEqualTo("priority");
        }
    }

    @Test
    void countsByQueueGroupOpenAndUnassignedCasesOfTheQueuesTheCallerSees() {
        var world = RealQueues.on(anonymous);
        var team = world.newTeam("Counts");
        QueueRef mine = world.newQueue("counted", team);
        QueueRef empty = world.newQueue("empty", team);
        var agentUser = anonymous.createUser("agent");
        world.addMember(team, agentUser.id());
        TestApi agent = anonymous.as(agentUser);
        create(supervisor, unique("New"), unique("c") + "@example.test", mine, "normal");
        String opened = create(supervisor, unique("Open"), unique("c") + "@example.test", mine, "normal")
                .get("id")
                .asString();
        String taken = create(supervisor, unique("Taken"), unique("c") + "@example.test", mine, "normal")
                .get("id")
                .asString();
        String waiting = create(supervisor, unique("Waiting"), unique("c") + "@example.test", mine, "normal")
                .get("id")
                .asString();
        String done = create(supervisor, unique("Done"), unique("c") + "@example.test", mine, "normal")
                .get("id")
                .asString();
        assertThat(supervisor
                        .patch("/api/v1/cases/" + opened, "{\"status\": \"open\"}")
                        .status())
                .isEqualTo(200);
        assertThat(supervisor
                        .patch("/api/v1/cases/" + taken, "{\"assignee\": \"me\"}")
                        .status())
                .isEqualTo(200);
        assertThat(supervisor
                        .patch(
                                "/api/v1/cases/" + waiting,
                                "{\"status\": \"pending\", \"pendingReason\": \"waiting_on_customer\"}")
                        .status())
                .isEqualTo(200);
        var resolved = supervisor.patch(
                "/api/v1/cases/" + done, "{\"status\": \"resolved\", \"disposition\": \"refund_issued\"}");
        assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
        create(supervisor, unique("Elsewhere"), unique("c") + "@example.test", queue, "normal");

        var response = agent.get("/api/v1/cases/counts/by-queue");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        var items = new java.util.HashMap<String, JsonNode>();
        response.json().get("items").forEach(item -> items.put(item.get("queue").asString(), item));
        assertThat(items).containsOnlyKeys(mine.id().toString(), empty.id().toString());
        assertThat(items.get(mine.id().toString()).get("open").asLong()).isEqualTo(4);
        assertThat(items.get(mine.id().toString()).get("unassigned").asLong()).isEqualTo(2);
        assertThat(items.get(empty.id().toString()).get("open").asLong()).isZero();
        assertThat(items.get(empty.id().toString()).get("unassigned").asLong()).isZero();

        var all = supervisor.get("/api/v1/cases/counts/by-queue");
        assertThat(all.status()).isEqualTo(200);
        var queues = new ArrayList<String>();
        all.json().get("items").forEach(item -> queues.add(item.get("queue").asString()));
        assertThat(queues)
                .contains(
                        mine.id().toString(), empty.id().toString(), queue.id().toString());
    }

    @Test
    void patchNeedsTheCurrentVersionInIfMatch() {
        String id = create(supervisor, queue).get("id").asString();

        var first = supervisor.patch("/api/v1/cases/" + id, "{\"priority\": \"urgent\"}", "If-Match", "\"0\"");
        var stale = supervisor.patch("/api/v1/cases/" + id, "{\"priority\": \"low\"}", "If-Match", "\"0\"");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("ETag")).isEqualTo("\"1\"");
        assertThat(first.json().get("priority").asString()).isEqualTo("urgent");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(supervisor.get("/api/v1/cases/" + id).json().get("priority").asString())
                .isEqualTo("urgent");
    }

    @Test
    void statusFollowsTheLifecycleAndClosedIsFinal() {
        String id = create(supervisor, queue).get("id").asString();
        String path = "/api/v1/cases/" + id;

        var pendingWithoutReason = supervisor.patch(path, "{\"status\": \"pending\"}");
        assertThat(pendingWithoutReason.status()).isEqualTo(400);
        assertThat(pendingWithoutReason.json().get("errors").get(0).get("field").asString())
                .isEqualTo("pendingReason");

        var pending =
                supervisor.patch(path, "{\"status\": \"pending\", \"pendingReason\": \"waiting_on_third_party\"}");
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.json().get("pendingReason").asString()).isEqualTo("waiting_on_third_party");

        var resolveWithoutDisposition = supervisor.patch(path, "{\"status\": \"resolved\"}");
        assertThat(resolveWithoutDisposition.status()).isEqualTo(400);
        assertThat(resolveWithoutDisposition
                        .json()
                        .get("errors")
                        .get(0)
                        .get("field")
                        .asString())
                .isEqualTo("disposition");

        var resolved = supervisor.patch(path, "{\"status\": \"resolved\", \"disposition\": \"refund_issued\"}");
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.json().get("resolvedAt").isNull()).isFalse();
        assertThat(resolved.json().get("pendingReason").isNull()).isTrue();

        var backToPending =
                supervisor.patch(path, "{\"status\": \"pending\", \"pendingReason\": \"waiting_on_customer\"}");
        assertThat(backToPending.status()).isEqualTo(422);

        var closed = supervisor.patch(path, "{\"status\": \"closed\"}");
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("closedAt").isNull()).isFalse();

        var reopen = supervisor.patch(path, "{\"status\": \"open\"}");
        assertThat(reopen.status()).isEqualTo(422);
        assertThat(supervisor.patch(path, "{\"priority\": \"urgent\"}").status())
                .isEqualTo(422);
        assertThat(supervisor
                        .post(path + "/replies", "{\"text\": \"too late\"}")
                        .status())
                .isEqualTo(422);
    }

    @Test
    void replyOpensTheCaseAndTheTimelineShowsEverythingInOrder() {
        String id = create(supervisor, queue).get("id").asString();

        var reply = supervisor.post("/api/v1/cases/" + id + "/replies", "{\"text\": \"We are on it.\"}");
        var note = supervisor.post(
                "/api/v1/cases/" + id + "/notes",
                "{\"text\": \"\", \"html\": \"<p>Check <b>ledger</b><script>alert(1)</script></p>\"}");
        supervisor.patch("/api/v1/cases/" + id, "{\"priority\": \"high\", \"queue\": \"" + queue.name() + "\"}");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.json().get("visibility").asString()).isEqualTo("public");
        assertThat(reply.json().get("author").get("kind").asString()).isEqualTo("agent");
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.json().get("visibility").asString()).isEqualTo("internal");
        assertThat(note.json().get("html").asString()).contains("<b>ledger</b>").doesNotContain("script");
        assertThat(note.json().get("text").asString()).isEqualTo("Check ledger");

        JsonNode view = supervisor.get("/api/v1/cases/" + id).json();
        assertThat(view.get("status").asString()).isEqualTo("open");
        assertThat(view.get("firstResponseAt").isNull()).isFalse();

        var timeline = supervisor.get("/api/v1/cases/" + id + "/timeline");
        assertThat(timeline.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        List<String> ats = new ArrayList<>();
        timeline.json().get("items").values().forEach(item -> {
            types.add(item.get("type").asString());
            ats.add(item.get("at").asString());
            assertThat(item.get("actor").get("kind").asString()).isIn("agent", "customer", "system");
        });
        assertThat(types).containsSubsequence("created", "interaction", "message", "message", "note", "priority");
        assertThat(types).contains("status");
        assertThat(ats).isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
        JsonNode interaction = timeline.json().get("items").values().stream()
                .filter(i -> i.get("type").asString().equals("interaction"))
                .findFirst()
                .orElseThrow()
                .get("interaction");
        assertThat(interaction.get("state").asString()).isEqualTo("ended");
        assertThat(interaction.get("durationSeconds").isNumber()).isTrue();
    }

    @Test
    void anAgentSeesOnlyTheirTeamsQueuesAndTheirOwnCases() {
        var agentUser = anonymous.createUser("agent");
        TestApi agent = anonymous.as(agentUser);
        String id = create(supervisor, queue).get("id").asString();

        assertThat(agent.get("/api/v1/cases/" + id).status()).isEqualTo(404);
        assertThat(agent.patch("/api/v1/cases/" + id, "{\"priority\": \"low\"}").status())
                .isEqualTo(404);
        assertThat(ids(agent.get("/api/v1/cases?queue=" + queue.id()))).isEmpty();

        supervisor.patch("/api/v1/cases/" + id, "{\"assignee\": \"" + agentUser.id() + "\"}");

        assertThat(agent.get("/api/v1/cases/" + id).status()).isEqualTo(200);
        assertThat(ids(agent.get("/api/v1/cases?assignee=me"))).contains(id);
    }

    @Test
    void mergeNeedsASupervisorAndMovesMessagesToTheTarget() {
        var agentUser = anonymous.createUser("agent");
        TestApi agent = anonymous.as(agentUser);
        String source = create(supervisor, queue).get("id").asString();
        String target = create(supervisor, queue).get("id").asString();
        for (String id : List.of(source, target)) {
            supervisor.patch("/api/v1/cases/" + id, "{\"assignee\": \"" + agentUser.id() + "\"}");
        }

        var forbidden = agent.post("/api/v1/cases/" + source + "/merge", "{\"into\": \"" + target + "\"}");
        assertThat(forbidden.status()).isEqualTo(403);

        var merged = supervisor.post("/api/v1/cases/" + source + "/merge", "{\"into\": \"" + target + "\"}");
        assertThat(merged.status()).as(merged.toString()).isEqualTo(200);
        assertThat(merged.json().get("id").asString()).isEqualTo(target);

        JsonNode sourceView = supervisor.get("/api/v1/cases/" + source).json();
        assertThat(sourceView.get("status").asString()).isEqualTo("closed");
        assertThat(sourceView.get("mergedInto").asString()).isEqualTo(target);
        var messages =
                supervisor.get("/api/v1/cases/" + target + "/messages").json().get("items");
        assertThat(messages.size()).isEqualTo(2);
        assertThat(supervisor
                        .get("/api/v1/cases/" + source + "/messages")
                        .json()
                        .get("items")
                        .size())
                .isZero();
        var audited = RealQueues.on(anonymous)
                .admin()
                .get("/api/v1/audit?action=case.merged&entityType=case&entityId=" + target);
        assertThat(audited.status()).as(audited.toString()).isEqualTo(200);
        assertThat(audited.json().get("items").values().stream()
                        .map(entry -> entry.get("details").toString()))
                .singleElement()
                .asString()
                .contains(source);

        var again = supervisor.post("/api/v1/cases/" + source + "/merge", "{\"into\": \"" + target + "\"}");
        assertThat(again.status()).isEqualTo(422);
        var self = supervisor.post("/api/v1/cases/" + target + "/merge", "{\"into\": \"" + target + "\"}");
        assertThat(self.status()).isEqualTo(422);
    }

    @Test
    void splitMovesAMessageIntoANewLinkedCase() {
        String id = create(supervisor, queue).get("id").asString();
        supervisor.post("/api/v1/cases/" + id + "/replies", "{\"text\": \"First answer\"}");
        var messages =
                supervisor.get("/api/v1/cases/" + id + "/messages").json().get("items");
        String customerMessage = messages.get(0).get("id").asString();

        var split = supervisor.post("/api/v1/cases/" + id + "/split", "{\"messageId\": \"" + customerMessage + "\"}");

        assertThat(split.status()).as(split.toString()).isEqualTo(201);
        String created = split.json().get("id").asString();
        assertThat(split.json().get("links").get(0).get("kind").asString()).isEqualTo("split");
        var moved =
                supervisor.get("/api/v1/cases/" + created + "/messages").json().get("items");
        assertThat(moved.size()).isEqualTo(1);
        assertThat(moved.get(0).get("id").asString()).isEqualTo(customerMessage);
        assertThat(supervisor
                        .get("/api/v1/cases/" + id + "/messages")
                        .json()
                        .get("items")
                        .size())
                .isEqualTo(1);

        var onlyOne =
                supervisor.post("/api/v1/cases/" + created + "/split", "{\"messageId\": \"" + customerMessage + "\"}");
        assertThat(onlyOne.status()).isEqualTo(422);
    }

    @Test
    void linkedCasesListEachOther() {
        JsonNode a = create(supervisor, queue);
        JsonNode b = create(supervisor, queue);

        var link = supervisor.post(
                "/api/v1/cases/" + a.get("id").asString() + "/links",
                "{\"caseId\": \"" + b.get("number").asString() + "\", \"kind\": \"related\"}");

        assertThat(link.status()).isEqualTo(201);
        assertThat(link.json().get("links").get(0).get("caseId").asString())
                .isEqualTo(b.get("id").asString());
        var other = supervisor.get("/api/v1/cases/" + b.get("id").asString()).json();
        assertThat(other.get("links").get(0).get("number").asString())
                .isEqualTo(a.get("number").asString());
    }

    static List<String> ids(TestApi.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json()
                .get("items")
                .values()
                .forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }
}
