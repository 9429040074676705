package org.switchboard.routing.internal.staffing;

/**
 * What a number of identical agents is predicted to achieve for one load.
 *
 * @param agents the number of agents
 * @param serviceLevel contacts answered within the threshold / all offered contacts (0..1)
 * @param asaSeconds average speed of answer: over all offered contacts for Erlang C (a contact answered at
 *     once counts as 0 s), over answered contacts for Erlang A
 * @param abandonRate abandoned / offered (0 for Erlang C, whose callers never hang up)
 * @param occupancy carried load / agents (0..1)
 */
public record Prediction(int agents, double serviceLevel, double asaSeconds, double abandonRate, double occupancy) {}
