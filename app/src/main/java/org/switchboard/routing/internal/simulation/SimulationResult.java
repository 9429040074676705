package org.switchboard.routing.internal.simulation;

import java.util.List;

/**
 * What a simulation measured.
 *
 * @param serviceLevel answered within T / the convention's denominator (0..1)
 * @param asaSeconds mean wait of the answered contacts
 * @param abandonRate abandoned (including blocked) / offered (0..1)
 * @param occupancy agents' busy time / (agents × simulated time until the last contact finished) (0..1)
 * @param contacts offered contacts
 * @param answered answered contacts
 * @param abandoned contacts that hung up while waiting or were blocked by a full queue
 * @param simulatedSeconds virtual time until the last contact finished
 * @param streams the same figures for each arrival stream, in the scenario's order
 * @param groups the work of each agent group, in the scenario's order
 */
public record SimulationResult(
        double serviceLevel,
        double asaSeconds,
        double abandonRate,
        double occupancy,
        long contacts,
        long answered,
        long abandoned,
        double simulatedSeconds,
        List<StreamResult> streams,
        List<GroupResult> groups) {

    public SimulationResult {
        streams = List.copyOf(streams);
        groups = List.copyOf(groups);
    }

    /** One arrival stream's contacts: service level by the scenario's convention, ASA over its answered. */
    public record StreamResult(
            double serviceLevel, double asaSeconds, double abandonRate, long contacts, long answered, long abandoned) {}

    /**
     * One agent group's work.
     *
     * @param busySeconds handle time of every contact its agents answered (concurrent chats each count)
     * @param contactsInProgress busy seconds / (agents × simulated time): the mean number of contacts an
     *     agent of the group was handling, its occupancy when each agent handles one contact at a time
     */
    public record GroupResult(int agents, double busySeconds, double contactsInProgress) {}
}
