package org.switchboard.identity.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.switchboard.identity.Actors;

/**
 * The signed-in user's UI language and time zone, read once per request (a primary-key lookup,
 * remembered in a request attribute) so a change on {@code /me} applies at the next page.
 */
@Component
public class UserPreferences {

    private static final String ATTRIBUTE = UserPreferences.class.getName();

    private final JdbcClient jdbc;

    UserPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Preferences(Locale locale, ZoneId zone) {}

    /** The current user's preferences; empty for an anonymous request. */
    public Optional<Preferences> current(HttpServletRequest request) {
        var actor = Actors.currentIfAny();
        if (actor.isEmpty()) {
            return Optional.empty();
        }
        Object cached = request.getAttribute(ATTRIBUTE);
        if (cached instanceof Preferences preferences) {
            return Optional.of(preferences);
        }
        Optional<Preferences> loaded = jdbc.sql("select locale, time_zone from app_user where id = ?")
                .param(actor.get().id().value())
                .query((rs, n) ->
                        new Preferences(Locale.forLanguageTag(rs.getString("locale")), zone(rs.getString("time_zone"))))
                .optional();
        loaded.ifPresent(p -> request.setAttribute(ATTRIBUTE, p));
        return loaded;
    }

    private static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
