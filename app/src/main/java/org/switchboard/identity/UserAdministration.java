package org.switchboard.identity;

import java.util.Optional;

/**
 * Creating users, teams and skills from code (e.g. demo data or an import), with the same rules
 * and audit entries as the API. {@code by} is who acts, {@code null} for the system itself. Invalid
 * input throws the platform's {@code InvalidInputException}; a taken username or name
 * {@code ConflictException}. Passwords need not meet the policy for people (so demo accounts may use
 * short ones).
 */
public interface UserAdministration {

    UserId createUser(NewAccount account, Actor by);

    TeamId createTeam(String name, String description, Actor by);

    Optional<TeamId> findTeam(String idOrName);

    void addMember(TeamId team, UserId user, Actor by);

    /** Adds a skill to the catalog unless it is there already; returns its (lower-case) name. */
    String ensureSkill(String name, Actor by);
}
