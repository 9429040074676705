package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

@SwitchboardIntegrationTest
class RoutingPagesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private LiveRouting routing;

    @BeforeEach
    void setUp() {
        routing = new LiveRouting(new TestApi(port, jdbc));
    }

    @Test
    void theDesktopPanelShowsPresenceTheOfferWithItsCountdownAndCurrentWork() {
        LiveRouting.Agent agent = routing.agent(4);
        routing.newCase("normal");
        routing.awaitLine(1);
        agent.presence("available", "desk");
        agent.awaitOffer();

        assertThat(agent.api().get("/routing/desktop").body())
                .contains("routing-panel")
                .contains("/routing/routing.js");
        String panel = agent.api().get("/routing/desktop/panel").body();
        assertThat(panel)
                .contains("data-testid=\"offer\"")
                .contains("data-expires=")
                .contains("Accept");
        assertThat(panel).contains("data-testid=\"presence-state\">Available<");
    }

    @Test
    void theSupervisorViewShowsQueuesAgentsWaitingWorkAndTheStaffingCalculator() {
        LiveRouting.Agent agent = routing.agent(4);
        agent.presence("away", "desk");
        routing.newCase("high");
        routing.awaitLine(1);

        assertThat(routing.supervisor.get("/routing/supervisor").body()).contains("staffing-heading");
        String live = routing.supervisor.get("/routing/supervisor/live").body();
        assertThat(live).contains(routing.queueName).contains("To the front").contains("Away");
        String staffing = routing.supervisor
                .get(
                        "/routing/supervisor/staffing?arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0.8")
                .body();
        assertThat(staffing).contains("data-testid=\"staffing-result\"").contains("<dd>14</dd>");
        String overloaded = routing.supervisor
                .get(
                        "/routing/supervisor/staffing?arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=1.5")
                .body();
        assertThat(overloaded).contains("check them");
        assertThat(agent.api().get("/routing/supervisor/live").status()).isEqualTo(403);
    }
}
