package org.switchboard.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.OutputType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.Direction;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.PendingReason;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.customer.Customers;
import org.switchboard.desk.internal.CaseViewers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.platform.TestApi.TestUser;

/**
 * The agent desktop in a real headless Chromium: an agent signs in, opens a case and replies, and sees
 * what a second agent does in another browser (being on the case, replying, changing the status) appear
 * without a reload.
 */
@SwitchboardIntegrationTest
class AgentDesktopBrowserIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cases cases;

    @Autowired
    Customers customers;

    @Autowired
    QueueDirectory queues;

    @Autowired
    CaseViewers viewers;

    private TestApi api;
    private DeskFixtures fixtures;
    private String base;

    @BeforeEach
    void setUp() {
        Browser.assumeInstalled();
        api = new TestApi(port, jdbc);
        fixtures = new DeskFixtures(api, cases, customers);
        base = "http://localhost:" + port;
    }

    @Test
    void anAgentRepliesAndSeesASecondAgentsChangesLive() {
        String team = fixtures.team(DeskFixtures.unique("Support"));
        TestUser alice = fixtures.agent(team);
        TestUser bob = fixtures.agent(team);
        var queue = fixtures.queue(team, DeskFixtures.unique("Billing"));
        var customer = fixtures.customer(DeskFixtures.unique("Marie Curie"));
        CaseView opened = fixtures.openCase(
                queue, customer, DeskFixtures.unique("Invoice charged twice"), "I was charged twice in November.");

        try (Browser first = Browser.start();
                Browser second = Browser.start()) {
            AgentHomePage home = LoginPage.open(first.driver(), base).signIn(alice.username(), TestApi.PASSWORD);
            assertThat(home.queueNames()).contains(queue.name());

            CasePage alicePage = home.openCase(opened.number());
            assertThat(alicePage.subject()).isEqualTo(opened.subject());
            assertThat(alicePage.timeline()).contains("I was charged twice in November.");

            alicePage.reply("Sorry about that - I am refunding the second charge now.");
            assertThat(alicePage.flash()).isEqualTo("Reply sent.");
            assertThat(alicePage.timeline()).contains("I am refunding the second charge now.");
            alicePage.markDocument();

            CasePage bobPage = LoginPage.open(second.driver(), base)
                    .signIn(bob.username(), TestApi.PASSWORD)
                    .openCase(opened.number());
            alicePage.waitForViewers(bob.username() + " is also viewing this case");
            assertThat(bobPage.timeline()).contains("I am refunding the second charge now.");

            bobPage.note("Refund ticket RF-2231 raised with finance.");
            alicePage.waitForTimeline("Refund ticket RF-2231 raised with finance.");

            bobPage.changeStatus("pending", "waiting_on_customer", null);
            alicePage.waitForStatus("Pending");
            assertThat(alicePage.status()).contains("Waiting on customer");
            assertThat(alicePage.sameDocument())
                    .as("the page was updated without a reload")
                    .isTrue();
        }
    }

    @Test
    void theHomePageListsACaseAssignedMeanwhileWithoutAReload() {
        String team = fixtures.team(DeskFixtures.unique("Home"));
        TestUser agent = fixtures.agent(team);
        var queue = fixtures.queue(team, DeskFixtures.unique("Returns"));
        CaseView opened = fixtures.openCase(
                queue,
                fixtures.customer(DeskFixtures.unique("Lise Meitner")),
                "Parcel arrived damaged",
                "Box crushed.");

        try (Browser browser = Browser.start()) {
            AgentHomePage home = LoginPage.open(browser.driver(), base)
                    .signIn(agent.username(), TestApi.PASSWORD)
                    .waitUntilLive()
                    .markDocument();
            assertThat(home.myCaseNumbers()).doesNotContain(opened.number());

            cases.change(opened.id(), CaseChange.assign(UserId.parse(agent.id())), null, null);

            home.waitForMyCase(opened.number());
            assertThat(home.sameDocument())
                    .as("the list was updated without a reload")
                    .isTrue();
        }
    }

    /**
     * Renders a case with realistic content and saves the screenshot when {@code
     * switchboard.screenshot} names a file: {@code mvn -B verify -pl app -Dtest=NoSuchTest
     * -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=AgentDesktopBrowserIT
     * -Dswitchboard.screenshot=$PWD/docs/images/agent-desktop.png}.
     */
    @Test
    void theCasePageRendersARealisticCase() throws IOException {
        // Stable, realistic names: the queue is made once and reused by later runs on the same database.
        var existing = queues.find("Billing & Payments");
        String team =
                existing.map(q -> q.team().toString()).orElseGet(() -> fixtures.team(DeskFixtures.unique("Billing")));
        var queue = existing.map(q -> new DeskFixtures.Queue(q.id().toString(), q.name()))
                .orElseGet(() -> fixtures.queue(team, "Billing & Payments"));
        TestUser agent = fixtures.agent(team);
        jdbc.sql("update app_user set display_name = 'Alex Morgan' where id = ?::uuid")
                .param(agent.id())
                .update();
        var customer = fixtures.customer("Sofia Martin");
        fixtures.openCase(queue, customer, "Card declined at checkout", "My card is declined on your checkout page.");
        CaseView view = fixtures.openCase(
                queue,
                customer,
                "Refund for duplicate charge on invoice INV-20931",
                "Hello,\n\nI was charged twice for my November subscription (invoice INV-20931). "
                        + "Could you refund the second payment?\n\nThanks,\nSofia");
        Actor actor = new Actor(
                UserId.parse(agent.id()),
                agent.username(),
                "Test " + agent.username(),
                Role.AGENT,
                Set.of(TeamId.parse(team)));
        cases.change(view.id(), CaseChange.assign(actor.id()), null, actor);
        cases.reply(
                view.id(),
                MessageDraft.text(
                        "Hi Sofia, thanks for reporting this. I can see both payments and have asked "
                                + "our billing team to refund the duplicate. You will get a confirmation within 2 business days."),
                actor);
        cases.note(
                view.id(),
                MessageDraft.text("Refund RF-2231 raised in the billing system; check back on Friday."),
                actor);
        var call = cases.startInteraction(view.id(), Channel.VOICE, Direction.INBOUND, null);
        cases.endInteraction(call.id(), null);
        cases.change(
                view.id(),
                new CaseChange(null, null, Priority.HIGH, null, null, Set.of("billing", "refund"), null, null),
                null,
                actor);
        cases.change(
                view.id(),
                new CaseChange(
                        org.switchboard.cases.CaseStatus.PENDING,
                        PendingReason.WAITING_ON_THIRD_PARTY,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                null,
                actor);

        viewers.report(view.id().toString(), "colleague", "Priya Natarajan", CaseViewers.Activity.REPLYING);

        try (Browser browser = Browser.start(1280, 1000)) {
            CasePage page = LoginPage.open(browser.driver(), base)
                    .signIn(agent.username(), TestApi.PASSWORD)
                    .openCase(view.number());
            assertThat(page.timeline()).contains("INV-20931", "RF-2231");
            assertThat(page.status()).contains("Pending");
            assertThat(page.viewers()).contains("Priya Natarajan is writing a reply to this case");
            assertThat(page.timeline()).contains("changed assignee from — to Alex Morgan");

            String target = System.getProperty("switchboard.screenshot", "");
            if (!target.isBlank()) {
                byte[] png = browser.driver().getScreenshotAs(OutputType.BYTES);
                Path file = Path.of(target);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.write(file, png);
            }
        }
    }
}
