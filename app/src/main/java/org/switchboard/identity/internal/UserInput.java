package org.switchboard.identity.internal;

import java.util.List;
import java.util.Map;

/** Request bodies of user creation and update (also used by the admin pages). */
public final class UserInput {

    private UserInput() {}

    /** A skill with proficiency 1-5. */
    public record Skill(String name, Integer proficiency) {}

    /**
     * A new user. Without {@code password}, {@code email} is required and an invitation link is issued.
     * {@code teams} are team ids.
     */
    public record NewUser(
            String username,
            String email,
            String displayName,
            String role,
            String password,
            String locale,
            String timeZone,
            List<Skill> skills,
            List<String> languages,
            Map<String, Integer> capacity,
            List<String> teams) {}

    /** Changes to a user; an absent (null) field is left as it is; lists replace the current ones. */
    public record Changes(
            String email,
            String displayName,
            String role,
            String locale,
            String timeZone,
            List<Skill> skills,
            List<String> languages,
            Map<String, Integer> capacity,
            List<String> teams) {}
}
