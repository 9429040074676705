package org.switchboard.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.switchboard.routing.internal.engine.AgentSpec;
import org.switchboard.routing.internal.engine.Channel;
import org.switchboard.routing.internal.engine.CustomerTier;
import org.switchboard.routing.internal.engine.OverflowStep;
import org.switchboard.routing.internal.engine.Policy;
import org.switchboard.routing.internal.engine.Presence;
import org.switchboard.routing.internal.engine.QueueSpec;
import org.switchboard.routing.internal.engine.RoutingEngine;
import org.switchboard.routing.internal.engine.RoutingEvent;
import org.switchboard.routing.internal.engine.SkillRequirement;
import org.switchboard.routing.internal.engine.WorkItemSpec;

/**
 * The engine's decisions as one digest: a seeded random mix of every engine operation (enqueues with skills,
 * languages, tiers and preferred agents; accepts, declines, completions with and without wrap-up, presence
 * changes, cancels, requeues, transfers, forced assignments, timer advances and views) on a stepped clock.
 * Prints the number of events and a SHA-256 of every event's and every refused call's text, and of the views.
 * Two builds of the engine that print the same line for the same seeds decide the same way; it is how an
 * optimization of the engine is checked to change no decision.
 *
 * <p>{@code bench/run RoutingEngineTrace [operations=400000] [seeds=1,2,3]}
 */
public final class RoutingEngineTrace {

    private static final int AGENTS = 800;
    private static final int QUEUES = 60;
    private static final int SKILLS = 12;

    /** A clock the trace steps forward itself. */
    private static final class SteppedClock implements InstantSource {
        Instant now = Instant.parse("2026-11-24T08:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }
    }

    public static void main(String[] args) throws NoSuchAlgorithmException {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 400_000;
        String seeds = args.length > 1 ? args[1] : "1,2,3";
        for (String seed : seeds.split(",")) {
            System.out.println("seed " + seed + ": " + trace(Long.parseLong(seed.strip()), operations));
        }
    }

    private static String trace(long seed, int operations) throws NoSuchAlgorithmException {
        SplittableRandom random = new SplittableRandom(seed);
        SteppedClock clock = new SteppedClock();
        RoutingEngine engine = new RoutingEngine(clock);
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long[] events = new long[1];
        Open open = new Open();
        Map<String, String> offers = open.offerTo;
        for (int q = 0; q < QUEUES; q++) {
            Channel channel = Channel.values()[q % 3];
            QueueSpec spec = QueueSpec.of("q" + q, channel)
                    .withBasePriority(q % 7)
                    .withAging(0.05 * (q % 4))
                    .withPolicy(Policy.values()[q % 4])
                    .withSkills(List.of(new SkillRequirement("s" + (q % SKILLS), 1 + q % 5)))
                    .withOfferTimeout(5 + q % 20);
            if (q % 5 == 0) {
                spec = spec.withOverflow(List.of(OverflowStep.relax(30, 2), OverflowStep.addTeam(90, "t1")));
            }
            if (q % 9 == 0) {
                spec = spec.withAutoAssign(true);
            }
            if (q % 4 == 1) {
                spec = spec.withWrapUp(10);
            }
            if (q % 6 == 2) {
                spec = spec.withSticky(20);
            }
            if (q % 11 == 3) {
                spec = spec.withTeams(Set.of("t" + (q % 3)));
            }
            if (q % 13 == 4) {
                spec = spec.withMaxWaiting(40, q + 1 < QUEUES ? "q" + (q + 1) : null);
            }
            record(digest, events, open, engine.defineQueue(spec));
        }
        for (int a = 0; a < AGENTS; a++) {
            Map<String, Integer> skills = new TreeMap<>();
            while (skills.size() < 4) {
                skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            }
            record(
                    digest,
                    events,
                    open,
                    engine.defineAgent(AgentSpec.of("a" + a)
                            .withSkills(skills)
                            .withLanguages(a % 4 == 0 ? Set.of("en", "fr") : Set.of("en"))
                            .withTeams(Set.of("t" + (a % 3)))
                            .withCapacity(Map.of(
                                    Channel.VOICE, a % 7 == 0 ? 0 : 1,
                                    Channel.CHAT, 1 + a % 3,
                                    Channel.EMAIL, 2 + a % 4))));
        }
        for (int a = 0; a < AGENTS; a++) {
            record(digest, events, open, engine.setPresence("a" + a, Presence.AVAILABLE, null));
        }
        long nextItem = 0;
        for (int op = 0; op < operations; op++) {
            if (random.nextInt(4) == 0) {
                clock.now = clock.now.plusMillis(random.nextInt(3_000));
            }
            String agent = "a" + random.nextInt(AGENTS);
            String item = open.any(random);
            int kind = random.nextInt(100);
            try {
                List<RoutingEvent> result;
                if (kind < 30) {
                    String id = "w" + nextItem++;
                    int q = random.nextInt(QUEUES);
                    WorkItemSpec spec = WorkItemSpec.of(id, "q" + q)
                            .withPriority(random.nextInt(21), CustomerTier.values()[random.nextInt(3)]);
                    if (random.nextInt(8) == 0) {
                        spec = spec.withLanguage("fr");
                    }
                    if (random.nextInt(10) == 0) {
                        spec = spec.withSkills(List.of(new SkillRequirement("s" + random.nextInt(SKILLS), 5)));
                    }
                    if (random.nextInt(10) == 0) {
                        spec = spec.withPreferredAgent(agent);
                    }
                    if (random.nextInt(50) == 0) {
                        spec = spec.withChannel(Channel.values()[random.nextInt(3)]);
                    }
                    open.add(id);
                    result = engine.enqueue(spec);
                } else if (kind < 50) {
                    // mostly an open offer (its agent answers), sometimes a random item or agent: refused
                    String offered = random.nextInt(5) == 0 ? item : open.offered(offers);
                    result = engine.accept(offered, random.nextInt(10) == 0 ? agent : holder(offers, offered, agent));
                } else if (kind < 52) {
                    String offered = open.offered(offers);
                    result = engine.decline(offered, holder(offers, offered, agent));
                } else if (kind < 72) {
                    String done = random.nextInt(5) == 0 ? item : open.assigned();
                    result = engine.complete(done, random.nextBoolean());
                    open.remove(done);
                } else if (kind < 82) {
                    int p = random.nextInt(10);
                    Presence presence = p < 6
                            ? Presence.AVAILABLE
                            : p < 8
                                    ? Presence.AWAY
                                    : p < 9
                                            ? Presence.OFFLINE
                                            : random.nextBoolean() ? Presence.BUSY : Presence.WRAP_UP;
                    result = engine.setPresence(agent, presence, presence == Presence.AWAY ? "break" : null);
                } else if (kind < 84) {
                    result = engine.cancel(item);
                    open.remove(item);
                } else if (kind < 86) {
                    result = engine.requeue(item);
                } else if (kind < 87) {
                    result = engine.transferToAgent(item, agent);
                } else if (kind < 88) {
                    result = engine.transferToQueue(item, "q" + random.nextInt(QUEUES));
                } else if (kind < 89) {
                    result = engine.forceAssign(item, agent);
                } else if (kind < 96) {
                    result = engine.advance();
                } else {
                    digest.update(String.valueOf(engine.position(item)).getBytes(StandardCharsets.UTF_8));
                    digest.update(String.valueOf(engine.state(item)).getBytes(StandardCharsets.UTF_8));
                    digest.update(String.valueOf(engine.nextDeadline()).getBytes(StandardCharsets.UTF_8));
                    result = List.of();
                }
                record(digest, events, open, result);
            } catch (RuntimeException refused) {
                digest.update((refused.getClass().getSimpleName() + ":" + refused.getMessage())
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        digest.update(engine.queueStats().toString().getBytes(StandardCharsets.UTF_8));
        digest.update(engine.agents().toString().getBytes(StandardCharsets.UTF_8));
        digest.update(engine.waitingInOrder().toString().getBytes(StandardCharsets.UTF_8));
        for (int q = 0; q < QUEUES; q += 7) {
            digest.update(engine.items("q" + q).toString().getBytes(StandardCharsets.UTF_8));
        }
        return events[0] + " events, " + open.items.size() + " open, digest "
                + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    /** The trace's items not yet completed or cancelled, and the offers and assignments the events told. */
    private static final class Open {
        final List<String> items = new ArrayList<>();
        final Map<String, Integer> slots = new HashMap<>();
        /** Open offers: item → agent. */
        final Map<String, String> offerTo = new HashMap<>();

        final ArrayDeque<String> offers = new ArrayDeque<>();
        final ArrayDeque<String> assignments = new ArrayDeque<>();
        final Set<String> assigned = new HashSet<>();

        void add(String item) {
            slots.put(item, items.size());
            items.add(item);
        }

        /** Removes an item by moving the last one into its slot (the order only feeds the random picks). */
        void remove(String item) {
            Integer slot = slots.remove(item);
            if (slot == null) {
                return;
            }
            String last = items.removeLast();
            if (slot < items.size()) {
                items.set(slot, last);
                slots.put(last, slot);
            }
        }

        String any(SplittableRandom random) {
            return items.isEmpty() ? "none" : items.get(random.nextInt(items.size()));
        }

        /** The oldest offer still open, or "none". */
        String offered(Map<String, String> open) {
            while (!offers.isEmpty() && !open.containsKey(offers.peekFirst())) {
                offers.pollFirst();
            }
            return offers.isEmpty() ? "none" : offers.pollFirst();
        }

        /** The oldest assignment still held, or "none". */
        String assigned() {
            while (!assignments.isEmpty() && !assigned.contains(assignments.peekFirst())) {
                assignments.pollFirst();
            }
            return assignments.isEmpty() ? "none" : assignments.pollFirst();
        }
    }

    /** The agent the item is offered to, as the events said (else the random agent: a refused call). */
    private static String holder(Map<String, String> offers, String item, String agent) {
        return offers.getOrDefault(item, agent);
    }

    private static void record(MessageDigest digest, long[] events, Open open, List<RoutingEvent> result) {
        Map<String, String> offers = open.offerTo;
        for (RoutingEvent event : result) {
            events[0]++;
            digest.update(event.toString().getBytes(StandardCharsets.UTF_8));
            switch (event) {
                case RoutingEvent.OfferMade made -> {
                    offers.put(made.offer().item(), made.offer().agent());
                    open.offers.add(made.offer().item());
                }
                case RoutingEvent.OfferDeclined declined ->
                    offers.remove(declined.offer().item());
                case RoutingEvent.OfferExpired expired ->
                    offers.remove(expired.offer().item());
                case RoutingEvent.OfferWithdrawn withdrawn ->
                    offers.remove(withdrawn.offer().item());
                case RoutingEvent.ItemAssigned assigned -> {
                    offers.remove(assigned.item());
                    open.assignments.add(assigned.item());
                    open.assigned.add(assigned.item());
                }
                case RoutingEvent.ItemReleased released -> open.assigned.remove(released.item());
                default -> {}
            }
        }
    }
}
