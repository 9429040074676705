package org.switchboard.desk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Priority;
import org.switchboard.customer.Customers;
import org.switchboard.desk.web.DeskDates;
import org.switchboard.identity.UserId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.platform.TestApi.TestUser;

/** The desk pages over real HTTP, signed in through the login form like a browser. */
@SwitchboardIntegrationTest
class DeskPagesIT {

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

    private WebSession signIn(TestUser user) {
        return WebSession.signIn("http://localhost:" + port, user.username(), TestApi.PASSWORD);
    }

    @Test
    void anAgentSeesOnlyTheirTeamsQueuesAndCases() {
        String mine = fixtures.team(DeskFixtures.unique("Mine"));
        String other = fixtures.team(DeskFixtures.unique("Other"));
        TestUser agent = fixtures.agent(mine);
        var myQueue = fixtures.queue(mine, DeskFixtures.unique("Returns"));
        var otherQueue = fixtures.queue(other, DeskFixtures.unique("Wholesale"));
        var customer = fixtures.customer(DeskFixtures.unique("Grace Hopper"));
        String tag = DeskFixtures.unique("Visible").replace(' ', '-');
        CaseView visible = fixtures.openCase(myQueue, customer, tag + " parcel lost", "Where is my parcel?");
        CaseView hidden = fixtures.openCase(otherQueue, customer, tag + " bulk order", "Bulk order question");
        CaseView assigned = fixtures.openCase(myQueue, customer, tag + " wrong size", "Wrong size delivered");
        cases.change(assigned.id(), CaseChange.assign(UserId.parse(agent.id())), null, null);

        WebSession session = signIn(agent);
        var home = session.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body())
                .contains(myQueue.name(), assigned.number(), "My cases")
                .doesNotContain(otherQueue.name(), hidden.number());

        var list = session.get("/cases?q=" + tag.replace(" ", "+"));
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(visible.number(), assigned.number()).doesNotContain(hidden.number());

        assertThat(session.get("/cases/" + hidden.number()).statusCode()).isEqualTo(404);
    }

    @Test
    void theCaseListFiltersByPriorityInTheQueryNotOnTheFetchedPage() {
        String team = fixtures.team(DeskFixtures.unique("Urgency"));
        TestUser agent = fixtures.agent(team);
        var queue = fixtures.queue(team, DeskFixtures.unique("Urgency"));
        var customer = fixtures.customer(DeskFixtures.unique("Edsger Dijkstra"));
        CaseView normal = fixtures.openCase(queue, customer, "Normal question", "Just asking");
        CaseView high = fixtures.openCase(queue, customer, "Pressing question", "Please hurry");
        cases.change(high.id(), new CaseChange(null, null, Priority.HIGH, null, null, null, null, null), null, null);
        WebSession session = signIn(agent);

        var highOnly = session.get("/cases?queue=" + queue.id() + "&priority=high");
        assertThat(highOnly.statusCode()).isEqualTo(200);
        assertThat(highOnly.body()).contains(high.number()).doesNotContain(normal.number());

        // the newest case of the queue is the high one: a page of one must still find the normal case
        var normalFirstPage = session.get("/cases?queue=" + queue.id() + "&priority=normal&limit=1");
        assertThat(normalFirstPage.statusCode()).isEqualTo(200);
        assertThat(normalFirstPage.body()).contains(normal.number()).doesNotContain(high.number());
    }

    @Test
    void theHomePageCountsItsQueueBadgesInAFixedNumberOfStatements() {
        String small = fixtures.team(DeskFixtures.unique("One queue"));
        String large = fixtures.team(DeskFixtures.unique("Six queues"));
        var customer = fixtures.customer(DeskFixtures.unique("Barbara Liskov"));
        fixtures.openCase(fixtures.queue(small, DeskFixtures.unique("Solo")), customer, "Solo question", "Hello");
        var six = new java.util.ArrayList<DeskFixtures.Queue>();
        for (int i = 0; i < 6; i++) {
            var queue = fixtures.queue(large, DeskFixtures.unique("Many " + i));
            six.add(queue);
            for (int c = 0; c <= i; c++) {
                fixtures.openCase(queue, customer, "Question " + c, "Hello");
            }
        }
        CaseView opened = fixtures.openCase(six.get(5), customer, "Opened question", "Hello");
        cases.change(opened.id(), CaseChange.status(CaseStatus.OPEN), null, null);
        CaseView taken = fixtures.openCase(six.get(5), customer, "Taken question", "Hello");
        cases.change(
                taken.id(), CaseChange.assign(UserId.parse(fixtures.agent(large).id())), null, null);

        var oneQueue = signIn(fixtures.agent(small)).get("/");
        var sixQueues = signIn(fixtures.agent(large)).get("/");

        assertThat(oneQueue.statusCode()).isEqualTo(200);
        assertThat(sixQueues.statusCode()).isEqualTo(200);
        // the last queue: six new cases, one open, one assigned
        assertThat(sixQueues.body()).contains(six.get(5).name(), ">8</span>", "7 unassigned");
        assertThat(statements(sixQueues)).isPositive().isEqualTo(statements(oneQueue));
    }

    private static int statements(java.net.http.HttpResponse<String> response) {
        return Integer.parseInt(
                response.headers().firstValue("X-SQL-Statements").orElseThrow());
    }

    @Test
    void theAssigneeIsChosenFromTheAgentsOfTheQueueTeamAndTheSupervisors() {
        String team = fixtures.team(DeskFixtures.unique("Assigners"));
        String other = fixtures.team(DeskFixtures.unique("Bystanders"));
        TestUser agent = fixtures.agent(team);
        TestUser colleague = fixtures.agent(team);
        TestUser outsider = fixtures.agent(other);
        TestUser supervisor = new TestApi(port, jdbc).createUser("supervisor");
        var queue = fixtures.queue(team, DeskFixtures.unique("Assign"));
        CaseView view = fixtures.openCase(
                queue, fixtures.customer(DeskFixtures.unique("Frances Allen")), "Who takes this", "Please help");
        WebSession session = signIn(agent);

        String page = session.get("/cases/" + view.number()).body();

        assertThat(page)
                .contains("<label for=\"change-assignee\"", "<select id=\"change-assignee\" name=\"assignee\"")
                .contains("value=\"" + agent.id() + "\"", "value=\"" + colleague.id() + "\"")
                .contains("value=\"" + supervisor.id() + "\"", "Assign to me")
                .doesNotContain("value=\"" + outsider.id() + "\"", ">Unassign</button>");

        var assigned = session.postForm(
                "/cases/" + view.id() + "/change",
                WebSession.token(page),
                Map.of("assignee", colleague.id(), "version", "" + view.version()));

        assertThat(assigned.statusCode()).isEqualTo(302);
        assertThat(cases.get(view.id(), null).assignee().id()).isEqualTo(UserId.parse(colleague.id()));
        assertThat(session.get("/cases/" + view.number()).body())
                .containsPattern("value=\"" + colleague.id() + "\"\\s+selected=\"selected\"")
                .contains(">Unassign</button>");
    }

    @Test
    void theCasePageShowsTheCaseTimelineAndCustomerAndEscapesText() {
        String team = fixtures.team(DeskFixtures.unique("Escapes"));
        TestUser agent = fixtures.agent(team);
        var queue = fixtures.queue(team, DeskFixtures.unique("General"));
        var customer = fixtures.customer(DeskFixtures.unique("Ada Lovelace"));
        CaseView earlier = fixtures.openCase(queue, customer, "Earlier question", "An earlier question");
        CaseView view = fixtures.openCase(queue, customer, "Broken <script>alert(1)</script> page", "Text & more");

        var page = signIn(agent).get("/cases/" + view.number());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(view.number(), "Broken &lt;script&gt;alert(1)&lt;/script&gt; page", "Text &amp; more")
                .doesNotContain("<script>alert(1)</script>")
                .contains(earlier.number(), "Contacts across channels", "Send reply", "Add internal note");
        assertThat(page.body()).contains("for=\"composer-text\"", "for=\"change-status\"", "<main id=\"main\"");
    }

    @Test
    void aStatusChangeFormUpdatesTheCase() {
        String team = fixtures.team(DeskFixtures.unique("Forms"));
        TestUser agent = fixtures.agent(team);
        var queue = fixtures.queue(team, DeskFixtures.unique("Forms"));
        CaseView view = fixtures.openCase(
                queue, fixtures.customer(DeskFixtures.unique("Alan Turing")), "Form change", "Please help");
        WebSession session = signIn(agent);
        String token = WebSession.token(session.get("/cases/" + view.number()).body());

        var response = session.postForm(
                "/cases/" + view.id() + "/change",
                token,
                Map.of("status", "pending", "pendingReason", "waiting_on_customer", "version", "" + view.version()));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(cases.get(view.id(), null).status()).isEqualTo(CaseStatus.PENDING);
        assertThat(session.get("/cases/" + view.number()).body()).contains("Case updated.", "Waiting on customer");

        var stale = session.postForm(
                "/cases/" + view.id() + "/change", token, Map.of("priority", "high", "version", "" + view.version()));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(session.get("/cases/" + view.number()).body()).contains("Someone else changed this case");
    }

    @Test
    void customerPagesSearchAndShowTheProfileWithCases() {
        String team = fixtures.team(DeskFixtures.unique("Customers"));
        TestUser agent = fixtures.agent(team);
        var queue = fixtures.queue(team, DeskFixtures.unique("Accounts"));
        String name = DeskFixtures.unique("Katherine Johnson");
        var customer = fixtures.customer(name);
        CaseView view = fixtures.openCase(queue, customer, "Account locked", "I cannot sign in");
        WebSession session = signIn(agent);

        var search = session.get("/customers?q=" + name.replace(" ", "+"));
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains(name, "/customers/" + customer);

        var profile = session.get("/customers/" + customer);
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains(name, "@example.test", view.number());
    }

    @Test
    void datesAreShownInTheUsersTimeZone() {
        String team = fixtures.team(DeskFixtures.unique("Zones"));
        TestUser agent = fixtures.agent(team);
        jdbc.sql("update app_user set time_zone = 'Asia/Shanghai' where id = ?::uuid")
                .param(agent.id())
                .update();
        var queue = fixtures.queue(team, DeskFixtures.unique("Zones"));
        CaseView view = fixtures.openCase(
                queue, fixtures.customer(DeskFixtures.unique("Wu Jianxiong")), "Time zone check", "Hello");

        var page = signIn(agent).get("/cases/" + view.number());

        String shanghai = new DeskDates().format(view.createdAt(), ZoneId.of("Asia/Shanghai"), Locale.ENGLISH);
        String utc = new DeskDates().format(view.createdAt(), ZoneOffset.UTC, Locale.ENGLISH);
        assertThat(shanghai).isNotEqualTo(utc);
        assertThat(page.body()).contains(shanghai).doesNotContain(utc);
    }

    @ParameterizedTest
    @CsvSource({"fr, Mes dossiers, Historique", "zh, 我的工单, 时间线", "ru, Мои обращения, Хронология"})
    void pagesFollowTheUsersLanguage(String locale, String homeText, String caseText) {
        String team = fixtures.team(DeskFixtures.unique("Langue"));
        TestUser agent = fixtures.agent(team);
        jdbc.sql("update app_user set locale = ? where id = ?::uuid")
                .params(locale, agent.id())
                .update();
        var queue = fixtures.queue(team, DeskFixtures.unique("Langue"));
        CaseView view = fixtures.openCase(
                queue, fixtures.customer(DeskFixtures.unique("Ana Lang")), "Language check", "Bonjour");
        cases.change(view.id(), CaseChange.assign(UserId.parse(agent.id())), null, null);
        WebSession session = signIn(agent);

        var home = session.get("/");
        var page = session.get("/cases/" + view.number());
        var list = session.get("/cases?status=active");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(homeText, "lang=\"" + locale + "\"");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(caseText);
        assertThat(list.statusCode()).isEqualTo(200);
    }
}
