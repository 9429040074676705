package org.switchboard.identity.internal;

import java.util.Map;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Username and password authentication (form login and HTTP Basic) behind the login rate limit: a
 * locked account or address is refused before the password is even checked, and every failure is
 * counted and audited.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final UserStore users;

    ThrottledAuthenticationProvider(
            DaoAuthenticationProvider passwords, LoginThrottle throttle, AuditTrail audit, UserStore users) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.users = users;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web
                ? web.getRemoteAddress()
                : "unknown";
        var locked = throttle.lockedFor(username, address);
        if (locked.isPresent()) {
            audit.record(
                    null, "login.refused_locked", "user", userId(username), Map.of("username", abbreviate(username)));
            throw new LoginLockedException(locked.get());
        }
        try {
            Authentication result;
            try {
                result = passwords.authenticate(authentication);
            } catch (IllegalArgumentException e) {
                // e.g. a password longer than bcrypt accepts
                throw new BadCredentialsException("Bad credentials");
            }
            throttle.succeeded(username);
            return result;
        } catch (AuthenticationException e) {
            throttle.failed(username, address);
            audit.record(
                    null,
                    "login.failed",
                    "user",
                    userId(username),
                    Map.of(
                            "username",
                            abbreviate(username),
                            "reason",
                            e.getClass().getSimpleName()));
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private String userId(String username) {
        try {
            return users.findRow(username).map(Object::toString).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > 100 ? value.substring(0, 100) : value;
    }
}
