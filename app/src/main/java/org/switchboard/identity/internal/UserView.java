package org.switchboard.identity.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;

/**
 * A user with profile as the API and admin pages show it.
 *
 * @param hasPassword false for an invited user who has not yet set a password
 */
public record UserView(
        UserId id,
        String username,
        String email,
        String displayName,
        Role role,
        boolean active,
        boolean hasPassword,
        String locale,
        String timeZone,
        List<SkillLevel> skills,
        List<String> languages,
        Map<String, Integer> capacity,
        List<TeamRef> teams,
        Instant createdAt,
        Instant deactivatedAt,
        long version) {

    public record SkillLevel(String name, int proficiency) {}

    public record TeamRef(String id, String name) {}
}
