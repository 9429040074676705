package org.switchboard.routing.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.platform.SwitchboardIntegrationTest;
import tools.jackson.databind.JsonNode;

@SwitchboardIntegrationTest
class SimulationApiIT extends AgentApiFixture {

    private static final String PATH = "/api/v1/routing/simulations";

    @Test
    void simulatesThePublishedErlangCLoad() {
        var response = agent.post(PATH, """
                {"agents": 14, "arrivalsPerHour": 200, "ahtSeconds": 180, "serviceLevelSeconds": 20,
                 "contacts": 200000, "seed": 7}""");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode json = response.json();
        // 2×10^5 contacts: looser than the 10^6-contact theory test, but still around 88.8 % and 7.8 s
        assertThat(json.get("serviceLevel").asDouble()).isCloseTo(0.888, within(0.02));
        assertThat(json.get("asaSeconds").asDouble()).isCloseTo(7.8, within(0.8));
        assertThat(json.get("abandonRate").asDouble()).isZero();
        assertThat(json.get("occupancy").asDouble()).isCloseTo(10.0 / 14, within(0.02));
        assertThat(json.get("contacts").asLong()).isEqualTo(200_000);
        // the same seed gives the same result
        var again = agent.post(PATH, """
                {"agents": 14, "arrivalsPerHour": 200, "ahtSeconds": 180, "serviceLevelSeconds": 20,
                 "contacts": 200000, "seed": 7}""");
        assertThat(again.json()).isEqualTo(json);
    }

    @Test
    void patienceAndTheServiceLevelConventionsChangeWhatIsCounted() {
        String body = """
                {"agents": 12, "arrivalsPerHour": 200, "ahtSeconds": 180, "serviceLevelSeconds": 20,
                 "patienceSeconds": 120, "contacts": 200000, "seed": 3%s}""";
        JsonNode offered = agent.post(PATH, body.formatted("")).json();
        JsonNode excluded = agent.post(PATH, body.formatted(", \"serviceLevelConvention\": \"abandons_excluded\""))
                .json();
        JsonNode shortExcluded = agent.post(
                        PATH, body.formatted(", \"serviceLevelConvention\": \"short_abandons_excluded\""))
                .json();
        assertThat(offered.get("abandonRate").asDouble()).isCloseTo(0.062, within(0.01));
        assertThat(offered.get("serviceLevel").asDouble()).isCloseTo(0.826, within(0.02));
        double sl = offered.get("serviceLevel").asDouble();
        double abandon = offered.get("abandonRate").asDouble();
        // same answered-in-time contacts, smaller denominators
        assertThat(excluded.get("serviceLevel").asDouble()).isCloseTo(sl / (1 - abandon), within(1e-9));
        assertThat(shortExcluded.get("serviceLevel").asDouble())
                .isGreaterThan(sl)
                .isLessThan(sl / (1 - abandon));
    }

    @Test
    void signInIsRequired() {
        var response = anonymous.post(PATH, """
                {"agents": 1, "arrivalsPerHour": 1, "ahtSeconds": 1, "serviceLevelSeconds": 1, "contacts": 1, "seed": 1}""");
        assertThat(response.status()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | agents",
                "\"agents\": 0, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | agents",
                "\"agents\": 2.5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | agents",
                "\"agents\": 10001, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | agents",
                "\"agents\": 5, \"arrivalsPerHour\": -1, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | arrivalsPerHour",
                "\"agents\": 5, \"arrivalsPerHour\": \"many\", \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | arrivalsPerHour",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 0, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1 | ahtSeconds",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"contacts\": 10, \"seed\": 1 | serviceLevelSeconds",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 0, \"seed\": 1 | contacts",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10000001, \"seed\": 1 | contacts",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10 | seed",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1, \"patienceSeconds\": 0 | patienceSeconds",
                "\"agents\": 5, \"arrivalsPerHour\": 200, \"ahtSeconds\": 180, \"serviceLevelSeconds\": 20, \"contacts\": 10, \"seed\": 1, \"serviceLevelConvention\": \"best\" | serviceLevelConvention"
            })
    void badInputIsA400NamingTheField(String fields, String field) {
        var response = agent.post(PATH, "{" + fields + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(fields(response)).containsExactly(field);
    }

    @Test
    void anOverloadedQueueStillAnswersPromptly() {
        // 1,000 Erlangs offered to 10 agents without patience: the waiting line is bounded, blocked
        // contacts count as abandoned, and the run ends.
        long started = System.nanoTime();
        var response = agent.post(PATH, """
                {"agents": 10, "arrivalsPerHour": 20000, "ahtSeconds": 180, "serviceLevelSeconds": 20,
                 "contacts": 300000, "seed": 1}""");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("abandonRate").asDouble()).isGreaterThan(0.5);
        assertThat(response.json().get("occupancy").asDouble()).isGreaterThan(0.99);
        assertThat(System.nanoTime() - started).isLessThan(30_000_000_000L);
    }
}
