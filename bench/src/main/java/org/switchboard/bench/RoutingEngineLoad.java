package org.switchboard.bench;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.switchboard.routing.internal.engine.AgentSpec;
import org.switchboard.routing.internal.engine.Channel;
import org.switchboard.routing.internal.engine.CustomerTier;
import org.switchboard.routing.internal.engine.OverflowStep;
import org.switchboard.routing.internal.engine.Policy;
import org.switchboard.routing.internal.engine.Presence;
import org.switchboard.routing.internal.engine.QueueSpec;
import org.switchboard.routing.internal.engine.QueueStats;
import org.switchboard.routing.internal.engine.RoutingEngine;
import org.switchboard.routing.internal.engine.RoutingEvent;
import org.switchboard.routing.internal.engine.SkillRequirement;
import org.switchboard.routing.internal.engine.WorkItemSpec;

/**
 * The in-process routing engine under load (issue 3, item 14): 10,000 agents, 500 queues, 50 skills and
 * 100,000 waiting items, driven from one thread.
 *
 * <p>Steady state: an agent completes an item (the engine offers it the best waiting item its skills
 * allow: an agent-side decision), the offer is accepted, and a new item is enqueued so 100,000 keep
 * waiting (an item-side decision: offered when an agent is ready, else queued). Routing decisions = offers
 * made. A second phase toggles random agents away and available again (state changes; going available
 * pulls work). Each run prints its figures; the last line gives the medians.
 *
 * <p>{@code bench/run RoutingEngineLoad [runs=5] [seconds per run=5] [seed=1]}
 */
public final class RoutingEngineLoad {

    private static final int AGENTS = 10_000;
    private static final int QUEUES = 500;
    private static final int SKILLS = 50;
    private static final int WAITING = 100_000;

    private final SplittableRandom random;
    private final RoutingEngine engine = new RoutingEngine(InstantSource.system());
    private final String[] agentIds = new String[AGENTS];
    // the driver's bookkeeping by agent number (ids are "a" + number): arrays, so that its own share of
    // the CPU time stays small next to the engine's
    // each agent's work, oldest first: a ring of WORK_SLOTS ids per agent in one flat array (one or two cache
    // lines per agent instead of a deque object and its array)
    private static final int WORK_SLOTS = 16;
    private final String[] work = new String[AGENTS * WORK_SLOTS];
    private final int[] workFirst = new int[AGENTS];
    private final int[] workCount = new int[AGENTS];
    private final int[] busyAgents = new int[AGENTS];
    private int busyCount;
    private final boolean[] busy = new boolean[AGENTS];
    private final String[] queueIds = new String[QUEUES];
    private long nextItem;
    private long decisions;
    private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    /** Every {@link #SAMPLE_EVERY}th loop of a run: the engine calls' CPU time and the decisions they made. */
    private boolean sampling;

    private long sampledCpuNanos;
    private long sampledDecisions;
    private long sampledCalls;
    private static final int SAMPLE_EVERY = 256;

    private RoutingEngineLoad(long seed) {
        random = new SplittableRandom(seed);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        RoutingEngineLoad load = new RoutingEngineLoad(seed);
        long started = System.nanoTime();
        load.setUp();
        out.printf(
                "set up: %d agents, %d queues, %d skills, %d waiting in %.1f s%n",
                AGENTS, QUEUES, SKILLS, load.waiting(), (System.nanoTime() - started) / 1e9);
        load.steadyState(2, out, "warm-up");
        double[] rate = new double[runs];
        double[] enqueueP99 = new double[runs];
        double[] completeP99 = new double[runs];
        double[] presenceP99 = new double[runs];
        double[] perCpuSecond = new double[runs];
        double[] perProcessCpuSecond = new double[runs];
        double[] perEngineSecond = new double[runs];
        for (int run = 0; run < runs; run++) {
            double[] figures = load.steadyState(seconds, out, "run " + (run + 1));
            rate[run] = figures[0];
            enqueueP99[run] = figures[1];
            completeP99[run] = figures[2];
            perCpuSecond[run] = figures[3];
            perProcessCpuSecond[run] = figures[4];
            perEngineSecond[run] = figures[5];
            presenceP99[run] = load.presence(20_000, out);
        }
        out.printf(
                "median of %d runs: %.0f routing decisions/s wall, %.0f per CPU second of the driving thread,"
                        + " %.0f per process CPU second, %.0f per CPU second inside engine calls; p99 enqueue %.3f ms; p99 complete→next offer %.3f ms;"
                        + " p99 agent state change %.3f ms; waiting at the end %d%n",
                runs,
                median(rate),
                median(perCpuSecond),
                median(perProcessCpuSecond),
                median(perEngineSecond),
                median(enqueueP99),
                median(completeP99),
                median(presenceP99),
                load.waiting());
    }

    /** Items: 10 % in French, 5 % needing an expert (the queue's skill at level 6 or more). */
    private void setUp() {
        for (int q = 0; q < QUEUES; q++) {
            queueIds[q] = "q" + q;
            Channel channel = q % 5 < 2 ? Channel.VOICE : q % 5 < 4 ? Channel.CHAT : Channel.EMAIL;
            QueueSpec spec = QueueSpec.of(queueIds[q], channel)
                    .withBasePriority(q % 10)
                    .withAging(0.01 * (q % 3))
                    .withPolicy(Policy.values()[q % 4])
                    .withSkills(List.of(new SkillRequirement("s" + (q % SKILLS), 1 + q % 5)));
            if (q % 10 == 0) {
                spec = spec.withOverflow(List.of(OverflowStep.relax(60, 1)));
            }
            engine.defineQueue(spec);
        }
        for (int a = 0; a < AGENTS; a++) {
            Map<String, Integer> skills = new HashMap<>();
            while (skills.size() < 5) {
                skills.put("s" + random.nextInt(SKILLS), 1 + random.nextInt(10));
            }
            agentIds[a] = "a" + a;
            engine.defineAgent(AgentSpec.of(agentIds[a])
                    .withSkills(skills)
                    .withLanguages(a % 5 == 0 ? Set.of("en", "fr") : Set.of("en")));
        }
        for (int i = 0; i < WAITING; i++) {
            handle(engine.enqueue(newItem()));
        }
        for (String agent : agentIds) {
            handle(engine.setPresence(agent, Presence.AVAILABLE, null));
        }
        for (int missing = WAITING - waiting(); missing > 0; missing--) {
            handle(engine.enqueue(newItem()));
        }
    }

    private void addWork(int agent, String item) {
        if (workCount[agent] == WORK_SLOTS) {
            throw new IllegalStateException("agent " + agent + " holds more than " + WORK_SLOTS + " items");
        }
        work[agent * WORK_SLOTS + (workFirst[agent] + workCount[agent]) % WORK_SLOTS] = item;
        workCount[agent]++;
    }

    private String pollWork(int agent) {
        int slot = agent * WORK_SLOTS + workFirst[agent];
        String item = work[slot];
        work[slot] = null;
        workFirst[agent] = (workFirst[agent] + 1) % WORK_SLOTS;
        workCount[agent]--;
        return item;
    }

    private static int number(String agentId) {
        return Integer.parseInt(agentId, 1, agentId.length(), 10);
    }

    private long cpuStart() {
        return sampling ? threads.getCurrentThreadCpuTime() : 0;
    }

    private void cpuEnd(long started) {
        if (sampling) {
            sampledCpuNanos += threads.getCurrentThreadCpuTime() - started;
            sampledCalls++;
        }
    }

    private WorkItemSpec newItem() {
        int q = random.nextInt(QUEUES);
        WorkItemSpec item = WorkItemSpec.of("w" + (nextItem++), queueIds[q])
                .withPriority(random.nextInt(21), CustomerTier.values()[random.nextInt(3)]);
        if (random.nextInt(10) == 0) {
            item = item.withLanguage("fr");
        }
        if (random.nextInt(20) == 0) {
            // an expert item: the queue's skill at a higher level (4 kinds of item per queue in all)
            item = item.withSkills(List.of(new SkillRequirement("s" + (q % SKILLS), 6)));
        }
        return item;
    }

    /** Accepts every offer at once and remembers the agents' work. */
    private void handle(List<RoutingEvent> events) {
        for (RoutingEvent event : events) {
            if (event instanceof RoutingEvent.OfferMade made) {
                decisions++;
                if (sampling) {
                    sampledDecisions++;
                }
                String agent = made.offer().agent();
                long cpu = cpuStart();
                engine.accept(made.offer().item(), agent);
                cpuEnd(cpu);
                int a = number(agent);
                addWork(a, made.offer().item());
                if (!busy[a]) {
                    busy[a] = true;
                    busyAgents[busyCount++] = a;
                }
            }
        }
    }

    /**
     * Returns decisions/s, p99 of enqueue (ms), p99 of complete including the next offer (ms), decisions per
     * CPU second of this thread, per process CPU second, and per CPU second spent inside engine calls (the
     * engine without the driver's own work, sampled: every 256th loop reads the thread's CPU clock around each
     * engine call, less what a pair of readings costs by itself, and the decisions made in those loops are
     * divided by that time).
     */
    private double[] steadyState(double seconds, PrintStream out, String name) {
        Histogram enqueue = new Histogram(10_000_000_000L, 3);
        Histogram complete = new Histogram(10_000_000_000L, 3);
        long decisionsBefore = decisions;
        sampledCpuNanos = 0;
        sampledDecisions = 0;
        sampledCalls = 0;
        long calls = 0;
        com.sun.management.OperatingSystemMXBean system = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long processCpuStarted = system.getProcessCpuTime();
        long started = System.nanoTime();
        long deadline = started + (long) (seconds * 1e9);
        long ops = 0;
        while ((ops & 1023) != 0 || System.nanoTime() < deadline) {
            ops++;
            sampling = ops % SAMPLE_EVERY == 0;
            int agent = busyAgents[random.nextInt(busyCount)];
            if (workCount[agent] > 0) {
                String item = pollWork(agent);
                long cpu = cpuStart();
                long t0 = System.nanoTime();
                List<RoutingEvent> events = engine.complete(item, false);
                complete.recordValue(System.nanoTime() - t0);
                cpuEnd(cpu);
                calls++;
                handle(events);
            }
            WorkItemSpec next = newItem();
            long cpu = cpuStart();
            long t1 = System.nanoTime();
            List<RoutingEvent> events = engine.enqueue(next);
            enqueue.recordValue(System.nanoTime() - t1);
            cpuEnd(cpu);
            calls++;
            handle(events);
            if ((ops & 1023) == 0) {
                handle(engine.advance());
                calls++;
            }
        }
        sampling = false;
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        // the whole process: the driving thread plus garbage collection and compilation threads
        double processCpu = (system.getProcessCpuTime() - processCpuStarted) / 1e9;
        // what one reading pair costs by itself (measured now, at the same load, after the run's own CPU
        // time was read): taken off the sample
        sampling = true;
        long calibrationCalls = 20_000;
        long before = sampledCpuNanos;
        for (int i = 0; i < calibrationCalls; i++) {
            cpuEnd(cpuStart());
        }
        double pairNanos = (sampledCpuNanos - before) / (double) calibrationCalls;
        sampledCpuNanos = before;
        sampledCalls -= calibrationCalls;
        sampling = false;
        double engineCpuNanos = sampledCpuNanos - sampledCalls * pairNanos;
        long made = decisions - decisionsBefore;
        double rate = made / elapsed;
        double perEngineCpuSecond = sampledDecisions / (engineCpuNanos / 1e9);
        out.printf(
                "%s: %d decisions in %.2f s wall, %.2f s CPU of the driving thread = %.0f per CPU second;"
                        + " %.2f s CPU of the process = %.0f per process CPU second;"
                        + " engine calls alone (sampled: %d decisions in %d calls, %.3f s CPU less %.0f ns per clock"
                        + " reading pair) %.0f per CPU second%n",
                name,
                made,
                elapsed,
                cpu,
                made / cpu,
                processCpu,
                made / processCpu,
                sampledDecisions,
                sampledCalls,
                sampledCpuNanos / 1e9,
                pairNanos,
                perEngineCpuSecond);
        out.printf(
                "%s: %d routing decisions in %.2f s = %.0f/s (%.0f engine calls/s incl. accepts);"
                        + " enqueue p50 %.4f p99 %.4f max %.3f ms; complete→next offer p50 %.4f p99 %.4f max %.3f ms%n",
                name,
                made,
                elapsed,
                rate,
                (calls + made) / elapsed,
                enqueue.getValueAtPercentile(50) / 1e6,
                enqueue.getValueAtPercentile(99) / 1e6,
                enqueue.getMaxValue() / 1e6,
                complete.getValueAtPercentile(50) / 1e6,
                complete.getValueAtPercentile(99) / 1e6,
                complete.getMaxValue() / 1e6);
        return new double[] {
            rate,
            enqueue.getValueAtPercentile(99) / 1e6,
            complete.getValueAtPercentile(99) / 1e6,
            made / cpu,
            made / processCpu,
            perEngineCpuSecond
        };
    }

    /** Toggles random agents away and back; returns the p99 of one state change (ms). */
    private double presence(int toggles, PrintStream out) {
        Histogram latency = new Histogram(10_000_000_000L, 3);
        for (int i = 0; i < toggles; i++) {
            String agent = agentIds[random.nextInt(AGENTS)];
            long t0 = System.nanoTime();
            List<RoutingEvent> away = engine.setPresence(agent, Presence.AWAY, "break");
            latency.recordValue(System.nanoTime() - t0);
            handle(away);
            long t1 = System.nanoTime();
            List<RoutingEvent> back = engine.setPresence(agent, Presence.AVAILABLE, null);
            latency.recordValue(System.nanoTime() - t1);
            handle(back);
        }
        out.printf(
                "  agent state changes: %d, p50 %.4f p99 %.4f max %.3f ms%n",
                latency.getTotalCount(),
                latency.getValueAtPercentile(50) / 1e6,
                latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6);
        return latency.getValueAtPercentile(99) / 1e6;
    }

    private int waiting() {
        int sum = 0;
        for (QueueStats stats : engine.queueStats()) {
            sum += stats.waiting();
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
