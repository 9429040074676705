package org.switchboard.identity;

import java.util.List;
import java.util.Map;

/**
 * A user to create through {@link UserAdministration}. {@code null} fields take their defaults:
 * display name = username, role agent, locale {@code en}, time zone UTC, no skills or languages,
 * capacity voice 1, chat 3, email 5. Without a password, {@code email} is required and the user is
 * invited (a link to choose a password).
 *
 * @param skills skill name to proficiency 1-5; every skill must be in the catalog
 * @param languages ISO 639-1 codes, preferred first
 * @param capacity channel ({@code voice}, {@code chat}, {@code email}) to contacts at once
 */
public record NewAccount(
        String username,
        String displayName,
        String email,
        Role role,
        String password,
        Map<String, Integer> skills,
        List<String> languages,
        Map<String, Integer> capacity,
        String locale,
        String timeZone) {

    /** A user with a password and defaults for everything else. */
    public static NewAccount withPassword(String username, Role role, String password) {
        return new NewAccount(username, null, null, role, password, null, null, null, null, null);
    }
}
