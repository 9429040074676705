package org.switchboard.routing.internal.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.switchboard.routing.internal.engine.AgentSpec;
import org.switchboard.routing.internal.engine.Channel;
import org.switchboard.routing.internal.engine.QueueSpec;
import org.switchboard.routing.internal.engine.SkillRequirement;
import org.switchboard.routing.internal.engine.WorkItemSpec;
import org.switchboard.routing.internal.staffing.ErlangA;
import org.switchboard.routing.internal.staffing.ErlangC;
import org.switchboard.routing.internal.staffing.Load;
import org.switchboard.routing.internal.staffing.Prediction;

/**
 * The simulator with several queues, skills and channels, each case checked against what queueing theory
 * says of it: separate skill groups behave as separate M/M/N systems, a chat agent of capacity 3 is three
 * servers, a higher-priority queue sharing the agents gets the non-preemptive priority waits of Cobham's
 * formula, and blended agents (calls and emails) give the calls less than dedicated agents would. Every
 * contact is accounted for. Fixed seed, printed on failure; tolerances as in {@link ErlangTheoryTest}.
 */
class MultiQueueSimulationTest {

    private static final long SEED = Long.getLong("switchboard.simulation.seed", 20261124L);
    private static final double T = 20;

    private static Scenario.Stream stream(double perHour, String queue, double aht, @Nullable Double patience) {
        return new Scenario.Stream(perHour, WorkItemSpec.of("", queue), new HandleTime.Exponential(aht), patience);
    }

    private static Scenario scenario(
            List<QueueSpec> queues, List<Scenario.AgentGroup> agents, List<Scenario.Stream> streams, long contacts) {
        return new Scenario(
                queues,
                agents,
                streams,
                T,
                contacts,
                SEED,
                ServiceLevelConvention.OFFERED,
                Scenario.DEFAULT_SHORT_ABANDON_SECONDS,
                Scenario.DEFAULT_MAX_WAITING);
    }

    private static AgentSpec agent(String idPrefix, Map<String, Integer> skills) {
        return AgentSpec.of(idPrefix).withSkills(skills);
    }

    @Test
    void separateSkillGroupsAreSeparateErlangCSystemsAndAChatAgentOfCapacityThreeIsThreeServers() {
        // calls for billing agents only (13 agents, 10 Erlangs); chats for tech agents only
        // (5 agents × 3 chats = 15 servers, 12 Erlangs). Both groups could take chats by capacity: only
        // the skills keep them apart.
        Scenario scenario = scenario(
                List.of(
                        QueueSpec.of("billing", Channel.VOICE)
                                .withSkills(List.of(new SkillRequirement("billing", 1)))
                                .withAutoAssign(true),
                        QueueSpec.of("tech-chat", Channel.CHAT)
                                .withSkills(List.of(new SkillRequirement("tech", 1)))
                                .withAutoAssign(true)),
                List.of(
                        new Scenario.AgentGroup(13, agent("billing-", Map.of("billing", 5))),
                        new Scenario.AgentGroup(5, agent("tech-", Map.of("tech", 5)))),
                List.of(stream(200, "billing", 180, null), stream(144, "tech-chat", 300, null)),
                2_000_000); // about 10^6 contacts for each of the two systems, as in ErlangTheoryTest
        SimulationResult result = Simulator.run(scenario);
        String seed = "seed " + SEED + ": " + result;

        Prediction calls = ErlangC.predict(new Load(200, 180, T, null), 13);
        Prediction chats = ErlangC.predict(new Load(144, 300, T, null), 15);
        SimulationResult.StreamResult billing = result.streams().get(0);
        SimulationResult.StreamResult chat = result.streams().get(1);
        assertThat(billing.serviceLevel()).as(seed).isCloseTo(calls.serviceLevel(), within(0.01));
        assertThat(billing.asaSeconds()).as(seed).isCloseTo(calls.asaSeconds(), within(0.05 * calls.asaSeconds()));
        assertThat(chat.serviceLevel()).as(seed).isCloseTo(chats.serviceLevel(), within(0.01));
        assertThat(chat.asaSeconds()).as(seed).isCloseTo(chats.asaSeconds(), within(0.05 * chats.asaSeconds()));
        // occupancy per server: 10/13 for the billing agents, 12/15 per chat slot (2.4 chats per agent)
        assertThat(result.groups().get(0).contactsInProgress()).as(seed).isCloseTo(10.0 / 13, within(0.01));
        assertThat(result.groups().get(1).contactsInProgress() / 3).as(seed).isCloseTo(12.0 / 15, within(0.01));
        assertEveryContactAccountedFor(result, 2_000_000);
        assertThat(billing.abandoned() + chat.abandoned()).isZero();
    }

    @Test
    void aHigherPriorityQueueSharingTheAgentsGetsCobhamsNonPreemptivePriorityWaits() {
        // gold (base priority 10) and standard (0) calls, the same 13 agents: 4 + 6 = 10 Erlangs.
        // M/M/N with non-preemptive priority and one service rate (Cobham 1954): class k waits on average
        // W_k = C · AHT / N / ((1 − σ_{k−1})(1 − σ_k)), σ_k the occupancy of classes 1..k, C Erlang C's
        // probability of waiting for the total load.
        Scenario scenario = scenario(
                List.of(
                        QueueSpec.of("gold", Channel.VOICE).withBasePriority(10).withAutoAssign(true),
                        QueueSpec.of("standard", Channel.VOICE).withAutoAssign(true)),
                List.of(new Scenario.AgentGroup(13, AgentSpec.of("agent-"))),
                List.of(stream(80, "gold", 180, null), stream(120, "standard", 180, null)),
                1_000_000);
        SimulationResult result = Simulator.run(scenario);
        String seed = "seed " + SEED + ": " + result;

        double wait = ErlangC.waitProbability(new Load(200, 180, T, null), 13);
        double sigmaGold = 4.0 / 13;
        double sigmaAll = 10.0 / 13;
        double gold = wait * 180 / 13 / (1 - sigmaGold);
        double standard = wait * 180 / 13 / ((1 - sigmaGold) * (1 - sigmaAll));
        assertThat(result.streams().get(0).asaSeconds()).as(seed).isCloseTo(gold, within(0.05 * gold));
        assertThat(result.streams().get(1).asaSeconds()).as(seed).isCloseTo(standard, within(0.05 * standard));
        // priorities move waiting between the classes, not the total: the mean is still Erlang C's
        Prediction total = ErlangC.predict(new Load(200, 180, T, null), 13);
        assertThat(result.asaSeconds()).as(seed).isCloseTo(total.asaSeconds(), within(0.05 * total.asaSeconds()));
        assertEveryContactAccountedFor(result, 1_000_000);
    }

    @Test
    void blendedAgentsAnswerEveryEmailAndGiveCallsLessThanDedicatedAgentsWould() {
        // 14 agents take calls (priority 10, patience 120 s, 10 Erlangs) and, while no call waits, emails
        // (up to 5 at once, 6 Erlangs of email work). An agent with any email takes no call, so the calls
        // see fewer than 14 agents but, on average, at least 14 − 6 (an email in progress blocks at most one
        // agent): their service level lies between Erlang A with 8 and with 14 dedicated agents.
        Scenario scenario = scenario(
                List.of(
                        QueueSpec.of("calls", Channel.VOICE)
                                .withBasePriority(10)
                                .withAutoAssign(true),
                        QueueSpec.of("email", Channel.EMAIL).withAutoAssign(true)),
                List.of(new Scenario.AgentGroup(14, AgentSpec.of("agent-"))),
                List.of(stream(200, "calls", 180, 120.0), stream(36, "email", 600, null)),
                1_000_000);
        SimulationResult result = Simulator.run(scenario);
        String seed = "seed " + SEED + ": " + result;

        SimulationResult.StreamResult calls = result.streams().get(0);
        SimulationResult.StreamResult email = result.streams().get(1);
        Prediction dedicated = ErlangA.predict(new Load(200, 180, T, 120.0), 14);
        Prediction fewest = ErlangA.predict(new Load(200, 180, T, 120.0), 8);
        assertThat(calls.serviceLevel()).as(seed).isLessThan(dedicated.serviceLevel() - 0.01);
        assertThat(calls.serviceLevel()).as(seed).isGreaterThan(fewest.serviceLevel());
        assertThat(calls.abandoned()).as(seed).isPositive();
        assertThat(email.abandoned()).as(seed).isZero();
        assertThat(email.answered()).as(seed).isEqualTo(email.contacts());
        assertEveryContactAccountedFor(result, 1_000_000);
        // the agents carried all the email work and the answered calls: busy time = handled load
        double simulated = result.simulatedSeconds();
        double carried = (calls.answered() * 180.0 + email.answered() * 600.0) / simulated;
        assertThat(result.groups().getFirst().busySeconds() / simulated)
                .as(seed)
                .isCloseTo(carried, within(0.02 * carried));
    }

    /** Conservation: every contact offered is answered or abandoned, stream by stream, and the sums agree. */
    private static void assertEveryContactAccountedFor(SimulationResult result, long offered) {
        long contacts = 0;
        long answered = 0;
        long abandoned = 0;
        for (SimulationResult.StreamResult stream : result.streams()) {
            assertThat(stream.answered() + stream.abandoned()).as("%s", stream).isEqualTo(stream.contacts());
            contacts += stream.contacts();
            answered += stream.answered();
            abandoned += stream.abandoned();
        }
        assertThat(contacts).isEqualTo(result.contacts()).isEqualTo(offered);
        assertThat(answered).isEqualTo(result.answered());
        assertThat(abandoned).isEqualTo(result.abandoned());
    }
}
