package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.platform.SwitchboardIntegrationTest;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class StaffingApiIT extends AgentApiFixture {

    private static final String PATH = "/api/v1/routing/staffing";

    @Test
    void erlangCStaffsThePublishedLoad() {
        var response = agent.get(PATH + "?arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0.8");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("agents").asInt()).isEqualTo(14);
        assertThat(json.get("serviceLevel").asDouble()).isCloseTo(0.888, within(0.001));
        assertThat(json.get("asaSeconds").asDouble()).isCloseTo(7.8, within(0.1));
        assertThat(json.get("abandonRate").asDouble()).isZero();
        assertThat(json.get("occupancy").asDouble()).isCloseTo(10.0 / 14, within(1e-9));
    }

    @Test
    void erlangAStaffsThePublishedLoadWithPatience() {
        var response = agent.get(
                PATH + "?arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0.8&patienceSeconds=120");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.get("agents").asInt()).isEqualTo(12);
        assertThat(json.get("serviceLevel").asDouble()).isCloseTo(0.826, within(0.01));
        assertThat(json.get("abandonRate").asDouble()).isCloseTo(0.062, within(0.005));
    }

    @Test
    void signInIsRequired() {
        var response = anonymous.get(PATH + "?arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0.8");
        assertThat(response.status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "ahtSeconds=180&serviceLevelSeconds=20&target=0.8 | arrivalsPerHour",
                "arrivalsPerHour=0&ahtSeconds=180&serviceLevelSeconds=20&target=0.8 | arrivalsPerHour",
                "arrivalsPerHour=200&ahtSeconds=-5&serviceLevelSeconds=20&target=0.8 | ahtSeconds",
                "arrivalsPerHour=200&ahtSeconds=abc&serviceLevelSeconds=20&target=0.8 | ahtSeconds",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=0&target=0.8 | serviceLevelSeconds",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=1 | target",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0 | target",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=NaN | target",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20 | target",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0.8&patienceSeconds=0 | patienceSeconds",
                "arrivalsPerHour=200&ahtSeconds=180&serviceLevelSeconds=20&target=0.8&patienceSeconds=3601 | patienceSeconds",
                "arrivalsPerHour=1e12&ahtSeconds=180&serviceLevelSeconds=20&target=0.8 | arrivalsPerHour"
            })
    void badInputIsA400NamingTheField(String query, String field) {
        var response = agent.get(PATH + "?" + query);
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly(field);
    }

    @Test
    void theLargestAllowedErlangALoadAnswersPromptly() {
        long started = System.nanoTime();
        var response = agent.get(PATH
                + "?arrivalsPerHour=1000000&ahtSeconds=30&serviceLevelSeconds=20&target=0.99&patienceSeconds=3600");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("agents").asInt()).isBetween(8_000, 9_000);
        assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
    }

    @Test
    void aLoadErlangCCannotCarryIsA422() {
        var response = agent.get(PATH + "?arrivalsPerHour=1000000&ahtSeconds=3600&serviceLevelSeconds=20&target=0.8");
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("Erlangs").contains("10000 agents");
    }

    @Test
    void aTargetNoStaffingReachesIsA422() {
        // Callers hang up after 1 s on average but the threshold is an hour: nobody waits that long.
        var response = agent.get(PATH
                + "?arrivalsPerHour=20000&ahtSeconds=3000&serviceLevelSeconds=3600&target=0.9999&patienceSeconds=1");
        assertThat(response.status()).as(response.toString()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("10000");
    }
}
