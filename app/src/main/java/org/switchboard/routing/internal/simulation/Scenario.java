package org.switchboard.routing.internal.simulation;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.switchboard.routing.internal.engine.AgentSpec;
import org.switchboard.routing.internal.engine.Channel;
import org.switchboard.routing.internal.engine.QueueSpec;
import org.switchboard.routing.internal.engine.WorkItemSpec;

/**
 * What to simulate.
 *
 * @param queues the engine's queues
 * @param agents groups of identical agents
 * @param streams Poisson arrival streams, each into one queue
 * @param serviceLevelSeconds the threshold T
 * @param contacts how many arrivals to simulate (over all streams)
 * @param seed the random seed: the same scenario and seed give the same result
 * @param convention which contacts the service level counts
 * @param shortAbandonSeconds the short-abandon threshold of {@link ServiceLevelConvention#SHORT_ABANDONS_EXCLUDED}
 * @param maxWaiting waiting contacts beyond this are blocked (counted as abandoned after 0 s): bounds memory
 */
public record Scenario(
        List<QueueSpec> queues,
        List<AgentGroup> agents,
        List<Stream> streams,
        double serviceLevelSeconds,
        long contacts,
        long seed,
        ServiceLevelConvention convention,
        double shortAbandonSeconds,
        int maxWaiting) {

    public static final int DEFAULT_MAX_WAITING = 100_000;
    public static final double DEFAULT_SHORT_ABANDON_SECONDS = 5;

    public Scenario {
        queues = List.copyOf(queues);
        agents = List.copyOf(agents);
        streams = List.copyOf(streams);
    }

    /**
     * @param count how many agents like {@code template}; their ids are the template's id followed by a number
     */
    public record AgentGroup(int count, AgentSpec template) {}

    /**
     * @param arrivalsPerHour the Poisson rate
     * @param item the template of the stream's items (queue, channel, skills, language, priority); ids are
     *     set by the simulator
     * @param patienceSeconds mean of the exponential patience, or null: contacts never abandon
     */
    public record Stream(
            double arrivalsPerHour,
            WorkItemSpec item,
            HandleTime handleTime,
            @Nullable Double patienceSeconds) {}

    /** One queue, {@code agents} identical agents, exponential handle times: the Erlang C / A model. */
    public static Scenario erlang(
            int agents,
            double arrivalsPerHour,
            double ahtSeconds,
            @Nullable Double patienceSeconds,
            double serviceLevelSeconds,
            long contacts,
            long seed,
            ServiceLevelConvention convention) {
        return new Scenario(
                List.of(QueueSpec.of("q", Channel.VOICE).withAutoAssign(true)),
                List.of(new AgentGroup(agents, AgentSpec.of("agent-"))),
                List.of(new Stream(
                        arrivalsPerHour,
                        WorkItemSpec.of("", "q"),
                        new HandleTime.Exponential(ahtSeconds),
                        patienceSeconds)),
                serviceLevelSeconds,
                contacts,
                seed,
                convention,
                DEFAULT_SHORT_ABANDON_SECONDS,
                DEFAULT_MAX_WAITING);
    }
}
