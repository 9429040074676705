package org.switchboard.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps a web session's user current: on every request of a signed-in session the user is read
 * again (one primary-key query), so a changed role or team applies at once and a deactivated user's
 * open sessions end at their next request.
 */
class SessionUserRefreshFilter extends OncePerRequestFilter {

    private final UserDirectory directory;

    SessionUserRefreshFilter(UserDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        var session = request.getSession(false);
        if (session == null
                || !(authentication != null
                        && authentication.getPrincipal() instanceof SwitchboardUserDetails signedIn)) {
            chain.doFilter(request, response);
            return;
        }
        var current = directory.load(signedIn.actor().id()).filter(SwitchboardUserDetails::isEnabled);
        if (current.isEmpty()) {
            SecurityContextHolder.clearContext();
            session.invalidate();
            response.sendRedirect(request.getContextPath() + "/login?error");
            return;
        }
        if (!current.get().actor().equals(signedIn.actor())) {
            var context = SecurityContextHolder.createEmptyContext();
            var refreshed = UsernamePasswordAuthenticationToken.authenticated(
                    current.get(), null, current.get().getAuthorities());
            refreshed.setDetails(authentication.getDetails());
            context.setAuthentication(refreshed);
            SecurityContextHolder.setContext(context);
            // Saved so later requests start from the current state
            session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
        }
        chain.doFilter(request, response);
    }
}
