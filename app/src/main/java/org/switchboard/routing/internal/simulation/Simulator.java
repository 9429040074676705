package org.switchboard.routing.internal.simulation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.switchboard.routing.internal.engine.AgentSpec;
import org.switchboard.routing.internal.engine.Presence;
import org.switchboard.routing.internal.engine.QueueSpec;
import org.switchboard.routing.internal.engine.RoutingEngine;
import org.switchboard.routing.internal.engine.RoutingEvent;
import org.switchboard.routing.internal.engine.WorkItemSpec;

/**
 * A discrete-event simulation of a contact center that routes through the real {@link RoutingEngine} on
 * a {@link VirtualClock}. Events: arrivals (merged Poisson streams), completions (handle times drawn when
 * a contact is answered) and abandonments (exponential patience drawn at arrival, acted on only if the
 * contact still waits). Offers are accepted at once (simulated agents do not miss offers); engine
 * deadlines (overflow steps, sticky windows, wrap-up) are processed when the virtual clock reaches them.
 *
 * <p>Arrivals, handle times and patience use separate random streams split from the seed, so changing
 * the patience does not change the arrival sequence. The run starts empty, with every agent available,
 * and ends when the last contact has finished. One run is single-threaded.
 */
public final class Simulator {

    private static final int ARRIVAL = 0;
    private static final int DONE = 1;
    private static final int ABANDON = 2;
    private static final int DEADLINE = 3;

    private final Scenario scenario;
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-01-05T00:00:00Z"));
    private final RoutingEngine engine = new RoutingEngine(clock);
    private final EventHeap events = new EventHeap();
    private final Map<String, Contact> active = new HashMap<>();
    private final SplittableRandom arrivals;
    private final SplittableRandom handling;
    private final SplittableRandom patience;
    private final double[] cumulativeRate;
    private final double totalRatePerSecond;

    private final Map<String, Integer> groupOfAgent = new HashMap<>();
    /** Figures of each arrival stream: the whole run's are their sums. */
    private final Tally[] tallies;

    private final double[] busyOfGroup;

    private long arrived;
    private double busySeconds;
    private double lastEnd;
    private double pendingDeadline = Double.POSITIVE_INFINITY;

    private Simulator(Scenario scenario) {
        this.scenario = scenario;
        SplittableRandom root = new SplittableRandom(scenario.seed());
        this.arrivals = root.split();
        this.handling = root.split();
        this.patience = root.split();
        List<Scenario.Stream> streams = scenario.streams();
        cumulativeRate = new double[streams.size()];
        double sum = 0;
        for (int i = 0; i < streams.size(); i++) {
            sum += streams.get(i).arrivalsPerHour() / 3600.0;
            cumulativeRate[i] = sum;
        }
        totalRatePerSecond = sum;
        tallies = new Tally[streams.size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally();
        }
        busyOfGroup = new double[scenario.agents().size()];
    }

    public static SimulationResult run(Scenario scenario) {
        if (scenario.streams().isEmpty() || !(scenario.contacts() > 0)) {
            throw new IllegalArgumentException("a simulation needs arrival streams and contacts");
        }
        return new Simulator(scenario).play();
    }

    private SimulationResult play() {
        for (QueueSpec queue : scenario.queues()) {
            engine.defineQueue(
                    queue.withMaxWaiting(Math.min(queue.maxWaiting(), scenario.maxWaiting()), queue.overflowQueue()));
        }
        for (int g = 0; g < scenario.agents().size(); g++) {
            Scenario.AgentGroup group = scenario.agents().get(g);
            AgentSpec template = group.template();
            for (int i = 0; i < group.count(); i++) {
                String id = template.id() + i;
                if (groupOfAgent.put(id, g) != null) {
                    throw new IllegalArgumentException("two agent groups make the agent id " + id);
                }
                engine.defineAgent(new AgentSpec(
                        id, template.skills(), template.languages(), template.teams(), template.capacity()));
                engine.setPresence(id, Presence.AVAILABLE, null);
            }
        }
        events.push(exponential(arrivals, totalRatePerSecond), ARRIVAL, null);
        while (!events.isEmpty()) {
            double time = events.peekTime();
            int type = events.peekType();
            Contact contact = events.peekContact();
            events.pop();
            clock.setSeconds(time);
            switch (type) {
                case ARRIVAL -> arrive(time);
                case DONE -> {
                    busySeconds += time - contact.answeredAt;
                    busyOfGroup[contact.group] += time - contact.answeredAt;
                    lastEnd = Math.max(lastEnd, time);
                    handle(engine.complete(contact.id, false), time);
                }
                case ABANDON -> {
                    if (!contact.answered && active.remove(contact.id) != null) {
                        abandon(contact, time - contact.arrival);
                        lastEnd = Math.max(lastEnd, time);
                        handle(engine.cancel(contact.id), time);
                    }
                }
                case DEADLINE -> {
                    pendingDeadline = Double.POSITIVE_INFINITY;
                    handle(engine.advance(), time);
                }
                default -> throw new IllegalStateException("unknown event " + type);
            }
        }
        Tally all = new Tally();
        List<SimulationResult.StreamResult> byStream = new ArrayList<>();
        for (Tally tally : tallies) {
            all.add(tally);
            byStream.add(tally.result(scenario.convention()));
        }
        List<SimulationResult.GroupResult> byGroup = new ArrayList<>();
        for (int g = 0; g < busyOfGroup.length; g++) {
            int count = scenario.agents().get(g).count();
            byGroup.add(new SimulationResult.GroupResult(
                    count, busyOfGroup[g], lastEnd <= 0 || count == 0 ? 0 : busyOfGroup[g] / (count * lastEnd)));
        }
        SimulationResult.StreamResult total = all.result(scenario.convention());
        int agents =
                scenario.agents().stream().mapToInt(Scenario.AgentGroup::count).sum();
        return new SimulationResult(
                total.serviceLevel(),
                total.asaSeconds(),
                total.abandonRate(),
                lastEnd <= 0 || agents == 0 ? 0 : Math.min(1, busySeconds / (agents * lastEnd)),
                arrived,
                all.answered,
                all.abandoned,
                lastEnd,
                byStream,
                byGroup);
    }

    private void arrive(double time) {
        arrived++;
        int streamIndex = pickStream();
        Scenario.Stream stream = scenario.streams().get(streamIndex);
        tallies[streamIndex].offered++;
        String id = Long.toString(arrived);
        Contact contact = new Contact(id, stream, tallies[streamIndex], time);
        active.put(id, contact);
        WorkItemSpec template = stream.item();
        List<RoutingEvent> result = engine.enqueue(new WorkItemSpec(
                id,
                template.channel(),
                template.queue(),
                template.requiredSkills(),
                template.language(),
                template.casePriority(),
                template.tier(),
                template.preferredAgent(),
                null));
        handle(result, time);
        if (active.containsKey(id) && !contact.answered) {
            Double mean = stream.patienceSeconds();
            if (mean != null) {
                events.push(time + exponential(patience, 1 / mean), ABANDON, contact);
            }
        }
        if (arrived < scenario.contacts()) {
            events.push(time + exponential(arrivals, totalRatePerSecond), ARRIVAL, null);
        }
    }

    private void handle(List<RoutingEvent> result, double time) {
        for (RoutingEvent event : result) {
            switch (event) {
                case RoutingEvent.OfferMade made ->
                    handle(engine.accept(made.offer().item(), made.offer().agent()), time);
                case RoutingEvent.ItemAssigned assigned -> answer(assigned.item(), assigned.agent(), time);
                case RoutingEvent.ItemRejected rejected -> {
                    Contact contact = active.remove(rejected.item());
                    if (contact != null) {
                        abandon(contact, 0);
                    }
                }
                default -> {}
            }
        }
        engine.nextDeadline().ifPresent(deadline -> {
            double at = (deadline.toEpochMilli() - clock.instant().toEpochMilli()) / 1000.0 + time;
            if (at < pendingDeadline) {
                pendingDeadline = at;
                events.push(Math.max(at, time), DEADLINE, null);
            }
        });
    }

    private void answer(String id, String agent, double time) {
        Contact contact = active.remove(id);
        if (contact == null) {
            return;
        }
        contact.answered = true;
        contact.answeredAt = time;
        contact.group = groupOfAgent.getOrDefault(agent, 0);
        double wait = time - contact.arrival;
        Tally tally = contact.tally;
        tally.answered++;
        tally.waitOfAnswered += wait;
        if (wait <= scenario.serviceLevelSeconds()) {
            tally.answeredInTime++;
        }
        events.push(time + contact.stream.handleTime().draw(handling), DONE, contact);
    }

    private void abandon(Contact contact, double waited) {
        contact.tally.abandoned++;
        if (waited < scenario.shortAbandonSeconds()) {
            contact.tally.abandonedShort++;
        }
    }

    /** The index of the stream of the next arrival: each with probability proportional to its rate. */
    private int pickStream() {
        if (cumulativeRate.length == 1) {
            return 0;
        }
        double u = arrivals.nextDouble() * totalRatePerSecond;
        for (int i = 0; i < cumulativeRate.length; i++) {
            if (u < cumulativeRate[i]) {
                return i;
            }
        }
        return cumulativeRate.length - 1;
    }

    private static double exponential(SplittableRandom random, double rate) {
        return -Math.log(1 - random.nextDouble()) / rate;
    }

    private static final class Contact {
        final String id;
        final Scenario.Stream stream;
        final Tally tally;
        final double arrival;
        double answeredAt;
        boolean answered;
        /** The agent group that answered it. */
        int group;

        Contact(String id, Scenario.Stream stream, Tally tally, double arrival) {
            this.id = id;
            this.stream = stream;
            this.tally = tally;
            this.arrival = arrival;
        }
    }

    /** Counts of one arrival stream (or, summed, of the run). */
    private static final class Tally {
        long offered;
        long answered;
        long answeredInTime;
        long abandoned;
        long abandonedShort;
        double waitOfAnswered;

        void add(Tally other) {
            offered += other.offered;
            answered += other.answered;
            answeredInTime += other.answeredInTime;
            abandoned += other.abandoned;
            abandonedShort += other.abandonedShort;
            waitOfAnswered += other.waitOfAnswered;
        }

        SimulationResult.StreamResult result(ServiceLevelConvention convention) {
            long denominator = switch (convention) {
                case OFFERED -> offered;
                case ABANDONS_EXCLUDED -> offered - abandoned;
                case SHORT_ABANDONS_EXCLUDED -> offered - abandonedShort;
            };
            return new SimulationResult.StreamResult(
                    denominator == 0 ? 0 : answeredInTime / (double) denominator,
                    answered == 0 ? 0 : waitOfAnswered / answered,
                    offered == 0 ? 0 : abandoned / (double) offered,
                    offered,
                    answered,
                    abandoned);
        }
    }

    /** A binary min-heap of (time, type, contact); ties keep no particular order. */
    private static final class EventHeap {
        private double[] times = new double[1024];
        private int[] types = new int[1024];
        private Contact[] contacts = new Contact[1024];
        private int size;

        boolean isEmpty() {
            return size == 0;
        }

        double peekTime() {
            return times[0];
        }

        int peekType() {
            return types[0];
        }

        Contact peekContact() {
            return contacts[0];
        }

        void push(double time, int type, @org.jspecify.annotations.Nullable Contact contact) {
            if (size == times.length) {
                times = java.util.Arrays.copyOf(times, size * 2);
                types = java.util.Arrays.copyOf(types, size * 2);
                contacts = java.util.Arrays.copyOf(contacts, size * 2);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (times[parent] <= time) {
                    break;
                }
                move(parent, i);
                i = parent;
            }
            times[i] = time;
            types[i] = type;
            contacts[i] = contact;
        }

        void pop() {
            size--;
            double time = times[size];
            int type = types[size];
            Contact contact = contacts[size];
            contacts[size] = null;
            if (size == 0) {
                return;
            }
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && times[child + 1] < times[child]) {
                    child++;
                }
                if (times[child] >= time) {
                    break;
                }
                move(child, i);
                i = child;
            }
            times[i] = time;
            types[i] = type;
            contacts[i] = contact;
        }

        private void move(int from, int to) {
            times[to] = times[from];
            types[to] = types[from];
            contacts[to] = contacts[from];
        }
    }
}
