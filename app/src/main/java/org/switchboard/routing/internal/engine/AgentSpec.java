package org.switchboard.routing.internal.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * An agent as the engine routes to it.
 *
 * @param id the agent's id (the routing service uses the user id's string form)
 * @param skills skill name to proficiency 1..10
 * @param languages ISO 639-1 codes the agent works in; an item with a language needs one of them
 * @param teams the agent's teams
 * @param capacity concurrent items per channel; a channel left out gets {@link Channel#defaultCapacity()}
 */
public record AgentSpec(
        String id,
        Map<String, Integer> skills,
        Set<String> languages,
        Set<String> teams,
        Map<Channel, Integer> capacity) {

    public AgentSpec {
        skills = Map.copyOf(skills);
        for (var entry : skills.entrySet()) {
            if (entry.getValue() < 1 || entry.getValue() > 10) {
                throw new IllegalArgumentException("proficiency of " + entry.getKey() + " must be 1..10");
            }
        }
        languages = Set.copyOf(languages);
        teams = Set.copyOf(teams);
        EnumMap<Channel, Integer> full = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            int value = capacity.getOrDefault(channel, channel.defaultCapacity());
            if (value < 0) {
                throw new IllegalArgumentException("capacity must not be negative");
            }
            full.put(channel, value);
        }
        capacity = Map.copyOf(full);
    }

    /** An agent without skills, languages or teams and the default capacities. */
    public static AgentSpec of(String id) {
        return new AgentSpec(id, Map.of(), Set.of(), Set.of(), Map.of());
    }

    public AgentSpec withSkills(Map<String, Integer> value) {
        return new AgentSpec(id, value, languages, teams, capacity);
    }

    public AgentSpec withLanguages(Set<String> value) {
        return new AgentSpec(id, skills, value, teams, capacity);
    }

    public AgentSpec withTeams(Set<String> value) {
        return new AgentSpec(id, skills, languages, value, capacity);
    }

    public AgentSpec withCapacity(Map<Channel, Integer> value) {
        return new AgentSpec(id, skills, languages, teams, value);
    }

    public int capacity(Channel channel) {
        return capacity.get(channel);
    }
}
