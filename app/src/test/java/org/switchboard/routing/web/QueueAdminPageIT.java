package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import jakarta.servlet.Filter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.Role;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.routing.internal.Queue;
import org.switchboard.routing.internal.Queues;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.QueuePolicy;
import org.switchboard.routing.internal.engine.Policy;

/**
 * The admin queue pages through the application's own filter chain (security, CSRF) and views. The
 * signed-in user is placed in the session as the login form would, since the login page itself is
 * identity's.
 */
@SwitchboardIntegrationTest
class QueueAdminPageIT {

    @Autowired
    WebApplicationContext context;

    @Autowired
    Queues queues;

    @Autowired
    Dispatcher dispatcher;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private MockMvc mvc;
    private TeamId team;
    private String teamName;
    private String skill;
    private String run;

    record SignedIn(Actor actor) implements Actors.ActorPrincipal {}

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class))
                .build();
        TestApi api = new TestApi(port, jdbc);
        var identity = new RealTeamsAndSkills(api.as(api.createUser("admin")));
        var created = identity.newTeam("French desk");
        team = created.id();
        teamName = created.name();
        skill = identity.newSkill("french");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private static MockHttpSession session(Role role) {
        var actor = new Actor(new UserId(UUID.randomUUID()), role.name().toLowerCase(), "Test " + role, role, Set.of());
        var authorities = java.util.Arrays.stream(Role.values())
                .filter(role::atLeast)
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
        var session = new MockHttpSession();
        session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(
                        new UsernamePasswordAuthenticationToken(new SignedIn(actor), null, authorities)));
        return session;
    }

    private MockHttpServletResponse perform(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static String csrf(Document page) {
        return page.selectFirst("form input[name=_csrf]").attr("value");
    }

    @Test
    void anAdminCreatesAQueueThroughTheForm() throws Exception {
        var session = session(Role.ADMIN);
        var form = perform(get("/admin/queues/new").session(session));
        assertThat(form.getStatus()).isEqualTo(200);
        Document page = Jsoup.parse(form.getContentAsString());
        for (String field : List.of("name", "team", "requiredSkills", "language", "basePriority", "active")) {
            assertThat(page.select("label[for=" + field + "]")).as(field).hasSize(1);
            assertThat(page.select("#" + field)).as(field).hasSize(1);
        }
        assertThat(page.select("select#team option[value=" + team + "]").text()).isEqualTo(teamName);
        assertThat(page.select("select#team option[selected]").val()).isEmpty();

        var created = perform(post("/admin/queues")
                .session(session)
                .param("_csrf", csrf(page))
                .param("name", "Form queue " + run)
                .param("team", team.toString())
                .param("requiredSkills", skill + " 4\n")
                .param("language", "fr")
                .param("basePriority", "30")
                .param("active", "true"));

        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(created.getRedirectedUrl()).isEqualTo("/admin/queues");
        Queue queue = queues.get("Form queue " + run);
        assertThat(queue.requiredSkills()).containsExactly(new Queue.RequiredSkill(skill, 4));
        assertThat(queue.language()).isEqualTo("fr");
        assertThat(queue.basePriority()).isEqualTo(30);

        var list = perform(get("/admin/queues").session(session));
        assertThat(list.getStatus()).isEqualTo(200);
        Document listed = Jsoup.parse(list.getContentAsString());
        assertThat(listed.select("td a").eachText()).contains("Form queue " + run);
        var row = listed.select("tr:has(td a:containsOwn(Form queue " + run + "))");
        assertThat(row.select("td").get(1).text()).isEqualTo(teamName);
    }

    @Test
    void theFormShowsWhatIsWrong() throws Exception {
        var session = session(Role.ADMIN);
        Document page =
                Jsoup.parse(perform(get("/admin/queues/new").session(session)).getContentAsString());

        String unknownTeam = UUID.randomUUID().toString();
        var refused = perform(post("/admin/queues")
                .session(session)
                .param("_csrf", csrf(page))
                .param("name", "Bad queue " + run)
                .param("team", unknownTeam)
                .param("requiredSkills", "")
                .param("basePriority", "300"));

        assertThat(refused.getStatus()).isEqualTo(400);
        Document errors = Jsoup.parse(refused.getContentAsString());
        assertThat(errors.select("#team").attr("aria-invalid")).isEqualTo("true");
        assertThat(errors.select("select#team option[selected]").val()).isEqualTo(unknownTeam);
        assertThat(errors.select("#basePriority").attr("aria-invalid")).isEqualTo("true");
        assertThat(errors.select("#name").val()).isEqualTo("Bad queue " + run);
        assertThat(queues.queue("Bad queue " + run)).isEmpty();
    }

    @Test
    void aStaleEditIsRefused() throws Exception {
        var session = session(Role.ADMIN);
        Queue queue = queues.create(new org.switchboard.routing.internal.QueueDraft(
                "Edited " + run, team.toString(), List.of(), null, 10, true));
        Document page = Jsoup.parse(
                perform(get("/admin/queues/" + queue.id()).session(session)).getContentAsString());
        assertThat(page.select("#name").val()).isEqualTo("Edited " + run);
        assertThat(page.select("select#team option[selected]").text()).isEqualTo(teamName);
        assertThat(page.select("select#team option[selected]").val()).isEqualTo(team.toString());

        var saved = perform(post("/admin/queues/" + queue.id())
                .session(session)
                .param("_csrf", csrf(page))
                .param("version", "0")
                .param("name", "Edited " + run)
                .param("team", team.toString())
                .param("basePriority", "20"));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(queues.get(queue.id().toString()).basePriority()).isEqualTo(20);

        var stale = perform(post("/admin/queues/" + queue.id())
                .session(session)
                .param("_csrf", csrf(page))
                .param("version", "0")
                .param("name", "Edited " + run)
                .param("team", team.toString())
                .param("basePriority", "90"));
        assertThat(stale.getStatus()).isEqualTo(412);
        assertThat(Jsoup.parse(stale.getContentAsString()).select("[role=alert]"))
                .isNotEmpty();
        assertThat(queues.get(queue.id().toString()).basePriority()).isEqualTo(20);
    }

    @Test
    void anAdminSetsTheRoutingPolicyOnTheQueuePage() throws Exception {
        var session = session(Role.ADMIN);
        Queue queue = queues.create(new org.switchboard.routing.internal.QueueDraft(
                "Policy " + run, team.toString(), List.of(), null, 10, true));
        Queue other = queues.create(new org.switchboard.routing.internal.QueueDraft(
                "Policy overflow " + run, team.toString(), List.of(), null, 10, true));
        Document page = Jsoup.parse(
                perform(get("/admin/queues/" + queue.id()).session(session)).getContentAsString());
        assertThat(page.select("select#policy option[selected]").val()).isEqualTo("longest_idle");

        var refused = perform(post("/admin/queues/" + queue.id() + "/policy")
                .session(session)
                .param("_csrf", csrf(page))
                .param("policy", "most_skilled")
                .param("agingPerSecond", "fast")
                .param("overflowQueue", other.id().toString()));
        assertThat(refused.getStatus()).isEqualTo(400);
        Document errors = Jsoup.parse(refused.getContentAsString());
        assertThat(errors.select("#agingPerSecond[aria-invalid=true]")).isNotEmpty();
        assertThat(errors.select("#maxWaiting[aria-invalid=true]")).isNotEmpty();
        assertThat(dispatcher.policy(queue.id()).policy()).isEqualTo(Policy.LONGEST_IDLE);

        var saved = perform(post("/admin/queues/" + queue.id() + "/policy")
                .session(session)
                .param("_csrf", csrf(page))
                .param("policy", "most_skilled")
                .param("agingPerSecond", "0.5")
                .param("stickySeconds", "30")
                .param("maxWaiting", "100")
                .param("overflowQueue", other.id().toString()));
        assertThat(saved.getStatus()).isEqualTo(302);
        QueuePolicy policy = dispatcher.policy(queue.id());
        assertThat(policy.policy()).isEqualTo(Policy.MOST_SKILLED);
        assertThat(policy.agingPerSecond()).isEqualTo(0.5);
        assertThat(policy.stickySeconds()).isEqualTo(30);
        assertThat(policy.maxWaiting()).isEqualTo(100);
        assertThat(policy.overflowQueue()).isEqualTo(other.id());
        Document shown = Jsoup.parse(
                perform(get("/admin/queues/" + queue.id()).session(session)).getContentAsString());
        assertThat(shown.select("select#policy option[selected]").val()).isEqualTo("most_skilled");
        assertThat(shown.select("select#overflowQueue option[selected]").text()).isEqualTo("Policy overflow " + run);
    }

    @Test
    void formsWithoutTheCsrfTokenAreRefused() throws Exception {
        var response = perform(post("/admin/queues")
                .session(session(Role.ADMIN))
                .param("name", "No token " + run)
                .param("team", team.toString()));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(queues.queue("No token " + run)).isEmpty();
    }

    @Test
    void agentsMayNotOpenTheAdminPages() throws Exception {
        assertThat(perform(get("/admin/queues").session(session(Role.AGENT))).getStatus())
                .isEqualTo(403);
        assertThat(perform(get("/admin/queues").session(session(Role.SUPERVISOR)))
                        .getStatus())
                .isEqualTo(403);
    }
}
