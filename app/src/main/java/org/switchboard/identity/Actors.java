package org.switchboard.identity;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The user acting on the current request. */
public final class Actors {

    private Actors() {}

    /** The signed-in user; throws when the request is anonymous (a programming error behind the filter chain). */
    public static Actor current() {
        return currentIfAny().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("No signed-in user"));
    }

    public static Optional<Actor> currentIfAny() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal) {
            return Optional.of(principal.actor());
        }
        return Optional.empty();
    }

    /** Implemented by the authenticated principal so any authentication mechanism yields an {@link Actor}. */
    public interface ActorPrincipal {
        Actor actor();
    }
}
