package org.switchboard.identity;

import java.util.List;
import java.util.Map;

/**
 * What routing needs to know of an agent: skills with proficiency (1 = basic, 5 = expert), the
 * languages they handle (ISO 639-1 codes, preferred first) and how many contacts they take at once
 * per channel ({@code voice}, {@code chat}, {@code email}).
 */
public record AgentProfile(
        UserId id, Map<String, Integer> skills, List<String> languages, Map<String, Integer> capacity) {

    public AgentProfile {
        skills = Map.copyOf(skills);
        languages = List.copyOf(languages);
        capacity = Map.copyOf(capacity);
    }

    /** The proficiency in a skill, 0 when the agent does not have it. */
    public int proficiency(String skill) {
        return skills.getOrDefault(skill, 0);
    }

    /** How many contacts of this channel the agent takes at once (0 for a channel not listed). */
    public int capacity(String channel) {
        return capacity.getOrDefault(channel, 0);
    }
}
