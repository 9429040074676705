package org.switchboard.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.ZoneId;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.internal.UserPreferences;

/**
 * Adds to the model of every page: {@code currentActor} (the signed-in {@link Actor}, or null) for
 * the navigation, and {@code userZone} (a {@link ZoneId}: the user's time zone, UTC when anonymous)
 * so any module's template formats instants in it, e.g.
 * {@code ${#temporals.format(instant.atZone(userZone), 'yyyy-MM-dd HH:mm')}}.
 */
@ControllerAdvice(annotations = Controller.class)
class CurrentActorAdvice {

    private static final ZoneId UTC = ZoneId.of("UTC");

    private final UserPreferences preferences;

    CurrentActorAdvice(UserPreferences preferences) {
        this.preferences = preferences;
    }

    @ModelAttribute("currentActor")
    Actor currentActor() {
        return Actors.currentIfAny().orElse(null);
    }

    @ModelAttribute("userZone")
    ZoneId userZone(HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return UTC; // API answers carry instants in UTC; spare the lookup
        }
        return preferences
                .current(request)
                .map(UserPreferences.Preferences::zone)
                .orElse(UTC);
    }
}
