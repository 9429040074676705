package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.create;

import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/** A customer writing again: reopen within the window, a linked follow-up case after it or once closed. */
@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class})
class ReopenIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cases cases;

    TestApi supervisor;
    QueueRef queue;

    @BeforeEach
    void setUp() {
        var api = new TestApi(port, jdbc);
        supervisor = api.as(api.createUser("supervisor"));
        queue = InMemoryQueues.register("reopen", new TeamId(UUID.randomUUID()));
    }

    private CaseId resolved() {
        String id = create(supervisor, queue).get("id").asString();
        var response =
                supervisor.patch("/api/v1/cases/" + id, "{\"status\": \"resolved\", \"disposition\": \"answered\"}");
        assertThat(response.status()).isEqualTo(200);
        return CaseId.parse(id);
    }

    @Test
    void aMessageWithinTheWindowReopensTheCase() {
        CaseId id = resolved();

        var outcome = cases.receiveCustomerMessage(id, Channel.EMAIL, MessageDraft.text("Still broken"));

        assertThat(outcome).isInstanceOf(CustomerMessageOutcome.Reopened.class);
        CaseView view = cases.get(id, null);
        assertThat(view.status()).isEqualTo(CaseStatus.OPEN);
        assertThat(view.resolvedAt()).isNull();
        assertThat(cases.timeline(id, null)).anyMatch(e -> e.type().equals("reopened"));
    }

    @Test
    void aMessageAfterTheWindowOpensALinkedFollowUp() {
        CaseId id = resolved();
        jdbc.sql("update support_case set resolved_at = now() - interval '8 days' where id = ?")
                .param(id.value())
                .update();

        var outcome = cases.receiveCustomerMessage(id, Channel.EMAIL, MessageDraft.text("New problem"));

        assertThat(outcome).isInstanceOf(CustomerMessageOutcome.FollowUpOpened.class);
        CaseView followUp = cases.get(outcome.caseId(), null);
        assertThat(followUp.id()).isNotEqualTo(id);
        assertThat(followUp.status()).isEqualTo(CaseStatus.NEW);
        assertThat(followUp.channel()).isEqualTo(Channel.EMAIL);
        assertThat(followUp.links()).extracting(CaseLink::caseId).containsExactly(id);
        assertThat(followUp.links()).extracting(CaseLink::kind).containsExactly(LinkKind.FOLLOW_UP);
        assertThat(cases.get(id, null).status()).isEqualTo(CaseStatus.RESOLVED);
        assertThat(cases.messages(followUp.id(), null)).hasSize(1);
    }

    @Test
    void aMessageOnAClosedCaseOpensAFollowUp() {
        CaseId id = resolved();
        supervisor.patch("/api/v1/cases/" + id, "{\"status\": \"closed\"}");

        var outcome = cases.receiveCustomerMessage(id, Channel.PORTAL, MessageDraft.text("Hello again"));

        assertThat(outcome).isInstanceOf(CustomerMessageOutcome.FollowUpOpened.class);
        assertThat(((CustomerMessageOutcome.FollowUpOpened) outcome).previous()).isEqualTo(id);
    }

    @Test
    void aMessageOnACaseWaitingOnTheCustomerOpensIt() {
        String id = create(supervisor, queue).get("id").asString();
        supervisor.patch(
                "/api/v1/cases/" + id, "{\"status\": \"pending\", \"pendingReason\": \"waiting_on_customer\"}");

        var outcome = cases.receiveCustomerMessage(CaseId.parse(id), Channel.EMAIL, MessageDraft.text("Here it is"));

        assertThat(outcome).isInstanceOf(CustomerMessageOutcome.Appended.class);
        assertThat(cases.get(CaseId.parse(id), null).status()).isEqualTo(CaseStatus.OPEN);
        assertThat(cases.messages(CaseId.parse(id), null)).hasSize(2);
    }

    @Test
    void interactionsStartAndEndWithADuration() {
        CaseId id = CaseId.parse(create(supervisor, queue).get("id").asString());

        InteractionView chat = cases.startInteraction(id, Channel.CHAT, Direction.INBOUND, null);
        InteractionView ended = cases.endInteraction(chat.id(), null);
        InteractionView again = cases.endInteraction(chat.id(), null);

        assertThat(chat.state()).isEqualTo(InteractionState.ACTIVE);
        assertThat(ended.state()).isEqualTo(InteractionState.ENDED);
        assertThat(ended.durationSeconds()).isNotNull().isGreaterThanOrEqualTo(0);
        assertThat(again.endedAt()).isEqualTo(ended.endedAt());
        assertThat(cases.interactions(id, null)).hasSize(2);
        var listed = supervisor.get("/api/v1/cases/" + id + "/interactions");
        assertThat(listed.json().get("items").get(1).get("channel").asString()).isEqualTo("chat");
        assertThat(listed.json().get("items").get(1).get("durationSeconds").isNumber())
                .isTrue();
    }
}
