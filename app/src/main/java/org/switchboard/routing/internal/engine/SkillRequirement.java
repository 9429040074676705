package org.switchboard.routing.internal.engine;

/** An agent needs {@code skill} with at least {@code minProficiency} (1 to 10). */
public record SkillRequirement(String skill, int minProficiency) {
    public SkillRequirement {
        if (minProficiency < 1 || minProficiency > 10) {
            throw new IllegalArgumentException("minProficiency must be 1..10");
        }
    }
}
