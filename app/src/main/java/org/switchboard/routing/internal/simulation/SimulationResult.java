package org.switchboard.routing.internal.simulation;

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
 */
public record SimulationResult(
        double serviceLevel,
        double asaSeconds,
        double abandonRate,
        double occupancy,
        long contacts,
        long answered,
        long abandoned,
        double simulatedSeconds) {}
