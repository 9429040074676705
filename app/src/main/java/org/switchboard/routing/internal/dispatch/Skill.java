package org.switchboard.routing.internal.dispatch;

/** A required skill of a work item: the agent's proficiency must be at least {@code minProficiency}. */
public record Skill(String skill, int minProficiency) {}
