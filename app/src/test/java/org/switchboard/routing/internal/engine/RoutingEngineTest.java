package org.switchboard.routing.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.routing.internal.simulation.VirtualClock;

/** Scenario tables: these agents, this item, that agent gets the offer. */
class RoutingEngineTest {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final RoutingEngine engine = new RoutingEngine(clock);

    private void available(String... ids) {
        for (String id : ids) {
            engine.setPresence(id, Presence.AVAILABLE, null);
        }
    }

    private static List<String> offeredTo(List<RoutingEvent> events) {
        return events.stream()
                .map(e -> switch (e) {
                    case RoutingEvent.OfferMade o ->
                        o.offer().item() + "->" + o.offer().agent();
                    case RoutingEvent.ItemAssigned a -> a.item() + "=>" + a.agent();
                    default -> null;
                })
                .filter(s -> s != null)
                .toList();
    }

    @ParameterizedTest(name = "{0}: {4} gets the offer")
    @CsvSource({
        // policy, idle order (first became available first), proficiencies a/b/c, expected
        "LONGEST_IDLE,   a b c, 5, 9, 7, a",
        "LONGEST_IDLE,   c b a, 5, 9, 7, c",
        "MOST_SKILLED,   a b c, 5, 9, 7, b",
        "MOST_SKILLED,   c a b, 5, 5, 5, c",
    })
    void policyChoosesAmongAvailableAgents(String policy, String order, int a, int b, int c, String expected) {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT)
                .withPolicy(Policy.valueOf(policy))
                .withSkills(List.of(new SkillRequirement("billing", 3))));
        engine.defineAgent(AgentSpec.of("a").withSkills(Map.of("billing", a)));
        engine.defineAgent(AgentSpec.of("b").withSkills(Map.of("billing", b)));
        engine.defineAgent(AgentSpec.of("c").withSkills(Map.of("billing", c)));
        for (String id : order.trim().split(" ")) {
            available(id);
            clock.advanceSeconds(1);
        }
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("i1", "q")))).containsExactly("i1->" + expected);
    }

    @Test
    void leastOccupiedPrefersTheAgentWithTheSmallestShareInUse() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT).withPolicy(Policy.LEAST_OCCUPIED));
        engine.defineAgent(AgentSpec.of("a"));
        engine.defineAgent(AgentSpec.of("b"));
        available("a", "b"); // a idles longer: the tie-break
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("i1", "q")))).containsExactly("i1->a");
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("i2", "q")))).containsExactly("i2->b");
        engine.accept("i1", "a");
        engine.complete("i1", false);
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("i3", "q")))).containsExactly("i3->a");
    }

    @Test
    void roundRobinRotatesThroughTheQueuesAgents() {
        engine.defineQueue(QueueSpec.of("q", Channel.EMAIL).withPolicy(Policy.ROUND_ROBIN));
        for (String id : List.of("a", "b", "c")) {
            engine.defineAgent(AgentSpec.of(id));
        }
        available("a", "b", "c");
        StringBuilder order = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            List<String> offers = offeredTo(engine.enqueue(WorkItemSpec.of("i" + i, "q")));
            order.append(offers.getFirst().substring(offers.getFirst().indexOf('>') + 1));
        }
        assertThat(order.toString()).isEqualTo("abcabc");
    }

    @Test
    void itemsWaitByPriorityThenArrivalAndTierPutsPlatinumAheadOfGoldAheadOfStandard() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT).withAutoAssign(true));
        engine.defineAgent(AgentSpec.of("a").withCapacity(Map.of(Channel.CHAT, 1)));
        engine.enqueue(WorkItemSpec.of("standard", "q"));
        clock.advanceSeconds(1);
        engine.enqueue(WorkItemSpec.of("gold", "q").withPriority(0, CustomerTier.GOLD));
        clock.advanceSeconds(1);
        engine.enqueue(WorkItemSpec.of("platinum", "q").withPriority(0, CustomerTier.PLATINUM));
        clock.advanceSeconds(1);
        engine.enqueue(WorkItemSpec.of("urgent", "q").withPriority(30, CustomerTier.STANDARD));
        clock.advanceSeconds(1);
        engine.enqueue(WorkItemSpec.of("gold2", "q").withPriority(0, CustomerTier.GOLD));
        assertThat(engine.items("q").stream().map(i -> i.spec().id()))
                .containsExactly("urgent", "platinum", "gold", "gold2", "standard");
        assertThat(engine.position("gold2").orElseThrow().position()).isEqualTo(4);
        available("a");
        assertThat(engine.agent("a").assigned()).containsExactly("urgent");
    }

    @Test
    void agingLetsALongWaitingItemOvertakeALaterHigherPriorityOne() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT).withAging(1.0).withAutoAssign(true));
        engine.defineAgent(AgentSpec.of("a").withCapacity(Map.of(Channel.CHAT, 1)));
        engine.enqueue(WorkItemSpec.of("old", "q"));
        clock.advanceSeconds(20);
        engine.enqueue(WorkItemSpec.of("new", "q").withPriority(10, CustomerTier.STANDARD));
        // old: 0 + 20 s × 1/s = 20 > new: 10 + 0
        available("a");
        assertThat(engine.agent("a").assigned()).containsExactly("old");
    }

    @Test
    void agingIsPerQueueAcrossTheQueuesOfOneAgent() {
        engine.defineQueue(
                QueueSpec.of("slow", Channel.CHAT).withAutoAssign(true).withBasePriority(10));
        engine.defineQueue(
                QueueSpec.of("fast", Channel.CHAT).withAutoAssign(true).withAging(2));
        engine.defineAgent(AgentSpec.of("a").withCapacity(Map.of(Channel.CHAT, 1)));
        engine.enqueue(WorkItemSpec.of("f", "fast"));
        engine.enqueue(WorkItemSpec.of("s", "slow"));
        clock.advanceSeconds(4); // fast item: 8 points, slow: 10
        available("a");
        assertThat(engine.agent("a").assigned()).containsExactly("s");
        engine.complete("s", false);
        assertThat(engine.agent("a").assigned()).containsExactly("f");
    }

    @Test
    void skillsLanguageAndTeamDecideWhoMayTakeAnItem() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT)
                .withTeams(Set.of("support"))
                .withSkills(List.of(new SkillRequirement("billing", 5))));
        engine.defineAgent(AgentSpec.of("weak").withSkills(Map.of("billing", 4)).withTeams(Set.of("support")));
        engine.defineAgent(AgentSpec.of("other-team")
                .withSkills(Map.of("billing", 9))
                .withTeams(Set.of("sales"))
                .withLanguages(Set.of("fr")));
        engine.defineAgent(AgentSpec.of("english")
                .withSkills(Map.of("billing", 6, "refunds", 2))
                .withTeams(Set.of("support"))
                .withLanguages(Set.of("en")));
        engine.defineAgent(AgentSpec.of("french")
                .withSkills(Map.of("billing", 5, "refunds", 8))
                .withTeams(Set.of("support"))
                .withLanguages(Set.of("fr"))
                .withCapacity(Map.of(Channel.CHAT, 1)));
        available("weak", "other-team", "english", "french");
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("fr", "q").withLanguage("fr"))))
                .containsExactly("fr->french");
        assertThat(offeredTo(engine.enqueue(
                        WorkItemSpec.of("refund", "q").withSkills(List.of(new SkillRequirement("refunds", 5))))))
                .isEmpty();
        assertThat(engine.state("refund")).contains(ItemState.WAITING);
        engine.accept("fr", "french");
        engine.complete("fr", false);
        assertThat(engine.state("refund")).contains(ItemState.OFFERED);
        assertThat(engine.agent("french").offered()).containsExactly("refund");
    }

    @Test
    void aVoiceOfferNeedsAnAgentWithoutWorkAndAnAgentOnACallTakesNothingElse() {
        engine.defineQueue(QueueSpec.of("calls", Channel.VOICE));
        engine.defineQueue(QueueSpec.of("chats", Channel.CHAT));
        engine.defineAgent(AgentSpec.of("a"));
        available("a");
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("chat1", "chats")))).containsExactly("chat1->a");
        engine.accept("chat1", "a");
        assertThat(engine.agent("a").presence()).isEqualTo(Presence.BUSY);
        // busy with a chat: no call, but another chat (blending)
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("call1", "calls")))).isEmpty();
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("chat2", "chats")))).containsExactly("chat2->a");
        engine.accept("chat2", "a");
        engine.complete("chat1", false);
        engine.complete("chat2", false);
        // idle again: the waiting call comes first (arrived earlier), then nothing else while on it
        assertThat(engine.agent("a").offered()).containsExactly("call1");
        engine.accept("call1", "a");
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("chat3", "chats")))).isEmpty();
        engine.complete("call1", false);
        assertThat(engine.agent("a").offered()).containsExactly("chat3");
    }

    @Test
    void chatCapacityIsThreeByDefaultAndEmailFive() {
        engine.defineQueue(QueueSpec.of("chats", Channel.CHAT).withAutoAssign(true));
        engine.defineQueue(QueueSpec.of("mails", Channel.EMAIL).withAutoAssign(true));
        engine.defineAgent(AgentSpec.of("a"));
        for (int i = 0; i < 10; i++) {
            engine.enqueue(WorkItemSpec.of("c" + i, "chats"));
            engine.enqueue(WorkItemSpec.of("m" + i, "mails"));
        }
        available("a");
        assertThat(engine.agent("a").load()).containsEntry(Channel.CHAT, 3).containsEntry(Channel.EMAIL, 5);
    }

    @Test
    void aDeclinedOfferGoesBackToItsOriginalPlaceAndTheAgentTurnsAway() {
        engine.defineQueue(QueueSpec.of("q", Channel.VOICE));
        engine.defineAgent(AgentSpec.of("a"));
        engine.defineAgent(AgentSpec.of("b"));
        engine.enqueue(WorkItemSpec.of("first", "q"));
        clock.advanceSeconds(1);
        engine.enqueue(WorkItemSpec.of("second", "q"));
        available("a");
        assertThat(engine.agent("a").offered()).containsExactly("first");
        List<RoutingEvent> events = engine.decline("first", "a");
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOf(RoutingEvent.OfferDeclined.class));
        assertThat(events)
                .contains(new RoutingEvent.AgentStateChanged(
                        "a", Presence.BUSY, Presence.AWAY, "missed offer", clock.instant()));
        assertThat(engine.agent("a").reason()).isEqualTo("missed offer");
        assertThat(engine.items("q").stream().map(i -> i.spec().id())).containsExactly("first", "second");
        available("b");
        assertThat(engine.agent("b").offered()).containsExactly("first");
    }

    @Test
    void anUnansweredOfferTimesOutTheSameWay() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT).withOfferTimeout(15));
        engine.defineAgent(AgentSpec.of("a"));
        available("a");
        engine.enqueue(WorkItemSpec.of("i", "q"));
        assertThat(engine.nextDeadline()).contains(clock.instant().plusSeconds(15));
        clock.advanceSeconds(14);
        assertThat(engine.advance()).isEmpty();
        clock.advanceSeconds(1);
        List<RoutingEvent> events = engine.advance();
        assertThat(events.getFirst()).isInstanceOf(RoutingEvent.OfferExpired.class);
        assertThat(engine.agent("a").presence()).isEqualTo(Presence.AWAY);
        assertThat(engine.state("i")).contains(ItemState.WAITING);
        assertThatThrownBy(() -> engine.accept("i", "a")).isInstanceOf(ConflictException.class);
    }

    @Test
    void overflowRelaxesTheSkillLevelAndAddsATeamAfterTheirTimes() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT)
                .withTeams(Set.of("tier2"))
                .withSkills(List.of(new SkillRequirement("network", 7)))
                .withOverflow(List.of(OverflowStep.relax(30, 2), OverflowStep.addTeam(60, "tier1"))));
        engine.defineAgent(
                AgentSpec.of("junior").withSkills(Map.of("network", 5)).withTeams(Set.of("tier2")));
        engine.defineAgent(
                AgentSpec.of("helpdesk").withSkills(Map.of("network", 5)).withTeams(Set.of("tier1")));
        available("helpdesk");
        engine.enqueue(WorkItemSpec.of("i", "q"));
        available("junior");
        engine.setPresence("junior", Presence.AWAY, "lunch");
        clock.advanceSeconds(30);
        assertThat(offeredTo(engine.advance())).isEmpty(); // relaxed to 5 but the tier2 agent is away
        clock.advanceSeconds(30);
        assertThat(offeredTo(engine.advance())).containsExactly("i->helpdesk");
    }

    @Test
    void overflowToAnotherQueuesAgents() {
        engine.defineQueue(QueueSpec.of("billing", Channel.EMAIL)
                .withTeams(Set.of("billing"))
                .withOverflow(List.of(OverflowStep.addQueue(120, "general"))));
        engine.defineQueue(QueueSpec.of("general", Channel.EMAIL).withTeams(Set.of("general")));
        engine.defineAgent(AgentSpec.of("g").withTeams(Set.of("general")));
        available("g");
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("i", "billing")))).isEmpty();
        clock.advanceSeconds(120);
        assertThat(offeredTo(engine.advance())).containsExactly("i->g");
    }

    @Test
    void aStickyAgentGetsTheFirstOfferWithinItsWindow() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT).withSticky(60));
        engine.defineAgent(AgentSpec.of("last").withCapacity(Map.of(Channel.CHAT, 1)));
        engine.defineAgent(AgentSpec.of("other"));
        available("last", "other");
        engine.enqueue(WorkItemSpec.of("busy-maker", "q").withPreferredAgent("last"));
        engine.accept("busy-maker", "last");
        assertThat(offeredTo(engine.enqueue(WorkItemSpec.of("returning", "q").withPreferredAgent("last"))))
                .isEmpty();
        engine.complete("busy-maker", false);
        assertThat(engine.agent("last").offered()).containsExactly("returning");
        engine.accept("returning", "last");
        engine.enqueue(WorkItemSpec.of("again", "q").withPreferredAgent("last"));
        clock.advanceSeconds(60);
        assertThat(offeredTo(engine.advance())).containsExactly("again->other");
    }

    @Test
    void aFullQueueRejectsOrOverflows() {
        engine.defineQueue(QueueSpec.of("spill", Channel.CHAT));
        engine.defineQueue(QueueSpec.of("small", Channel.CHAT).withMaxWaiting(1, "spill"));
        engine.defineQueue(QueueSpec.of("tiny", Channel.CHAT).withMaxWaiting(1, null));
        engine.enqueue(WorkItemSpec.of("a", "small"));
        assertThat(engine.enqueue(WorkItemSpec.of("b", "small")))
                .contains(new RoutingEvent.ItemOverflowed("b", "small", "spill"));
        assertThat(engine.items("spill")).extracting(i -> i.spec().id()).containsExactly("b");
        engine.enqueue(WorkItemSpec.of("c", "tiny"));
        assertThat(engine.enqueue(WorkItemSpec.of("d", "tiny")))
                .containsExactly(new RoutingEvent.ItemRejected("d", "tiny", "queue full"));
        assertThat(engine.state("d")).isEmpty();
    }

    @Test
    void positionAndEstimatedWaitFollowTheDocumentedFormula() {
        engine.defineQueue(QueueSpec.of("q", Channel.VOICE).withExpectedHandleSeconds(300));
        engine.defineAgent(AgentSpec.of("a"));
        engine.defineAgent(AgentSpec.of("b"));
        available("a", "b");
        for (int i = 0; i < 5; i++) {
            engine.enqueue(WorkItemSpec.of("i" + i, "q"));
        }
        // i0, i1 offered; i2..i4 wait: i4 is third, 2 servers, 300 s each: 3 × 300 / 2
        QueuePosition position = engine.position("i4").orElseThrow();
        assertThat(position.position()).isEqualTo(3);
        assertThat(position.estimatedWait()).isEqualTo(Duration.ofSeconds(450));
        assertThat(engine.position("i0")).isEmpty();
    }

    @Test
    void wrapUpHoldsOffersUntilTheQueueLimit() {
        engine.defineQueue(QueueSpec.of("q", Channel.VOICE).withWrapUp(30).withAutoAssign(true));
        engine.defineAgent(AgentSpec.of("a"));
        available("a");
        engine.enqueue(WorkItemSpec.of("i1", "q"));
        engine.enqueue(WorkItemSpec.of("i2", "q"));
        engine.complete("i1", true);
        assertThat(engine.agent("a").presence()).isEqualTo(Presence.WRAP_UP);
        assertThat(engine.state("i2")).contains(ItemState.WAITING);
        clock.advanceSeconds(30);
        engine.advance();
        assertThat(engine.agent("a").assigned()).containsExactly("i2");
    }

    @Test
    void restoreKeepsTheStoredOrderAndTransfersMoveWork() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT).withAging(0.5));
        engine.defineQueue(QueueSpec.of("other", Channel.CHAT));
        for (int i = 0; i < 20; i++) {
            engine.enqueue(WorkItemSpec.of("i" + i, "q").withPriority(i % 3, CustomerTier.values()[i % 3]));
            clock.advanceSeconds(i % 2);
        }
        List<WorkItemSpec> saved = engine.waitingInOrder();
        RoutingEngine restarted = new RoutingEngine(clock);
        restarted.defineQueue(QueueSpec.of("q", Channel.CHAT).withAging(0.5));
        restarted.defineQueue(QueueSpec.of("other", Channel.CHAT));
        restarted.restore(saved.reversed());
        assertThat(restarted.waitingInOrder()).isEqualTo(saved);

        restarted.defineAgent(AgentSpec.of("a"));
        restarted.defineAgent(AgentSpec.of("b"));
        restarted.setPresence("b", Presence.AVAILABLE, null);
        String first = saved.getFirst().id();
        assertThat(restarted.agent("b").offered()).hasSize(3).contains(first);
        restarted.transferToAgent(first, "a");
        assertThat(restarted.agent("a").offered()).isEmpty();
        restarted.setPresence("a", Presence.AVAILABLE, null);
        assertThat(restarted.agent("a").offered()).contains(first);
        restarted.transferToQueue(first, "other");
        assertThat(restarted.items("other")).extracting(i -> i.spec().id()).containsExactly(first);
    }

    @Test
    void unknownIdsAndWrongStatesAreReported() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT));
        engine.defineAgent(AgentSpec.of("a"));
        assertThatThrownBy(() -> engine.enqueue(WorkItemSpec.of("x", "nope"))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.setPresence("nobody", Presence.AVAILABLE, null))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> engine.setPresence("a", Presence.BUSY, null))
                .isInstanceOf(InvalidInputException.class);
        engine.enqueue(WorkItemSpec.of("x", "q"));
        assertThatThrownBy(() -> engine.enqueue(WorkItemSpec.of("x", "q"))).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.complete("x", false)).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> engine.accept("x", "a")).isInstanceOf(ConflictException.class);
    }
}
