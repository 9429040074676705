package org.switchboard.routing.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.switchboard.routing.internal.simulation.VirtualClock;

/** The live service's offer rules: voice excludes only voice work, one open offer per agent at a time. */
class OfferRulesTest {

    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final RoutingEngine engine = new RoutingEngine(clock, OfferRules.LIVE_DESK);

    private static List<String> offered(List<RoutingEvent> events) {
        return events.stream()
                .filter(RoutingEvent.OfferMade.class::isInstance)
                .map(e -> ((RoutingEvent.OfferMade) e).offer().item())
                .toList();
    }

    @Test
    void anAgentOnACallTakesEmailsButNoSecondCall() {
        engine.defineQueue(QueueSpec.of("q", Channel.EMAIL));
        engine.defineAgent(AgentSpec.of("a"));
        engine.setPresence("a", Presence.AVAILABLE, null);
        assertThat(offered(engine.enqueue(WorkItemSpec.of("call", "q").withChannel(Channel.VOICE))))
                .containsExactly("call");
        engine.accept("call", "a");

        assertThat(offered(engine.enqueue(WorkItemSpec.of("call2", "q").withChannel(Channel.VOICE))))
                .isEmpty();
        assertThat(offered(engine.enqueue(WorkItemSpec.of("mail", "q")))).containsExactly("mail");
    }

    @Test
    void anAgentWithChatsStillTakesACall() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT));
        engine.defineAgent(AgentSpec.of("a"));
        engine.setPresence("a", Presence.AVAILABLE, null);
        engine.enqueue(WorkItemSpec.of("chat", "q"));
        engine.accept("chat", "a");

        assertThat(offered(engine.enqueue(WorkItemSpec.of("call", "q").withChannel(Channel.VOICE))))
                .containsExactly("call");
    }

    @Test
    void theNextOfferComesWhenTheOpenOneIsAnswered() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT));
        engine.defineAgent(AgentSpec.of("a"));
        engine.enqueue(WorkItemSpec.of("one", "q"));
        engine.enqueue(WorkItemSpec.of("two", "q"));

        assertThat(offered(engine.setPresence("a", Presence.AVAILABLE, null))).containsExactly("one");
        assertThat(offered(engine.accept("one", "a"))).containsExactly("two");
    }

    @Test
    void theDefaultRulesKeepSeveralOffersAndStrictVoice() {
        RoutingEngine strict = new RoutingEngine(clock);
        strict.defineQueue(QueueSpec.of("q", Channel.CHAT));
        strict.defineAgent(AgentSpec.of("a"));
        strict.enqueue(WorkItemSpec.of("one", "q"));
        strict.enqueue(WorkItemSpec.of("two", "q"));

        assertThat(offered(strict.setPresence("a", Presence.AVAILABLE, null))).containsExactly("one", "two");
        assertThat(offered(strict.enqueue(WorkItemSpec.of("call", "q").withChannel(Channel.VOICE))))
                .isEmpty();
    }

    @Test
    void anItemRestoredWithAnEarlierTimeGoesAheadOfEqualPriority() {
        engine.defineQueue(QueueSpec.of("q", Channel.CHAT));
        engine.defineAgent(AgentSpec.of("a"));
        Instant now = clock.instant();
        engine.restore(List.of(WorkItemSpec.of("later", "q").withEnqueuedAt(now.minusSeconds(10))));
        engine.restore(List.of(WorkItemSpec.of("earlier", "q").withEnqueuedAt(now.minusSeconds(20))));

        assertThat(offered(engine.setPresence("a", Presence.AVAILABLE, null))).containsExactly("earlier");
    }

    @Test
    void timeReadAheadCanBeReset() {
        Instant[] now = {Instant.parse("2026-11-24T09:00:00Z")};
        RoutingEngine live = new RoutingEngine(() -> now[0], OfferRules.LIVE_DESK);
        live.defineQueue(QueueSpec.of("q", Channel.CHAT)
                .withSkills(List.of(new SkillRequirement("billing", 3)))
                .withOverflow(List.of(OverflowStep.relax(30, 1))));
        live.defineAgent(AgentSpec.of("novice").withSkills(java.util.Map.of("billing", 2)));
        live.setPresence("novice", Presence.AVAILABLE, null);
        now[0] = now[0].plusSeconds(60);
        live.advance();
        now[0] = now[0].minusSeconds(60);
        live.resetTime();

        // enqueued now, the item has not waited 30 s: the novice does not qualify yet
        assertThat(offered(live.enqueue(WorkItemSpec.of("item", "q").withEnqueuedAt(now[0]))))
                .isEmpty();
        now[0] = now[0].plusSeconds(30);
        assertThat(offered(live.advance())).containsExactly("item");
    }
}
