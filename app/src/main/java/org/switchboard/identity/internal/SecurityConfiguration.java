package org.switchboard.identity.internal;

import java.time.Clock;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.switchboard.identity.Actors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two filter chains. The API ({@code /api/**}) is stateless: Bearer API tokens or HTTP Basic, no
 * session and therefore no CSRF. The web UI uses a session cookie, a login form and CSRF tokens; it
 * also takes HTTP Basic so a metrics scraper can read {@code /actuator/prometheus} as an admin.
 * Password logins of both chains go through the login rate limit ({@link LoginThrottle}).
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

    /**
     * No observation around each security filter, authentication and authorization: wrapping the ~15
     * filters of every request cost more than the filters themselves. Requests are still observed as a
     * whole ({@code http.server.requests}); failed logins are audited.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder(IdentityProperties properties) {
        return new BCryptPasswordEncoder(properties.bcryptStrength());
    }

    @Bean
    LoginThrottle loginThrottle(IdentityProperties properties, Clock clock) {
        var login = properties.login();
        return new LoginThrottle(
                clock, login.maxAccountFailures(), login.maxAddressFailures(), login.window(), login.lockDuration());
    }

    @Bean
    AuthenticationManager authenticationManager(
            UserDirectory directory,
            PasswordEncoder encoder,
            LoginThrottle throttle,
            AuditTrail audit,
            UserStore users) {
        var passwords = new DaoAuthenticationProvider(directory);
        passwords.setPasswordEncoder(encoder);
        return new ProviderManager(new ThrottledAuthenticationProvider(passwords, throttle, audit, users));
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(
            HttpSecurity http, AuthenticationManager authenticationManager, ApiTokens tokens, JsonMapper json)
            throws Exception {
        var problems = new AuthenticationProblems(json);
        http.securityMatcher("/api/**")
                .authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.json/**")
                        .permitAll()
                        // Customer self-service: the knowledge endpoints answer anonymous callers with
                        // customer-audience content only and widen it for a signed-in agent.
                        .requestMatchers("/api/v1/help/**", "/api/v1/knowledge/search", "/api/v1/knowledge/suggestions")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new BearerTokenFilter(tokens, problems), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(ex -> ex.authenticationEntryPoint(problems))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless API has no login page to return to and no session to log out of.
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .securityContext(
                        context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .csrf(csrf -> csrf.disable());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(
            HttpSecurity http, AuthenticationManager authenticationManager, AuditTrail audit, UserDirectory directory)
            throws Exception {
        var loginSucceeded = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(
                    jakarta.servlet.http.HttpServletRequest request,
                    jakarta.servlet.http.HttpServletResponse response,
                    org.springframework.security.core.Authentication authentication)
                    throws jakarta.servlet.ServletException, java.io.IOException {
                if (authentication.getPrincipal() instanceof Actors.ActorPrincipal principal) {
                    audit.record(
                            principal.actor(),
                            "login.succeeded",
                            "user",
                            principal.actor().id().toString(),
                            Map.of("via", "form"));
                }
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        http.authenticationManager(authenticationManager)
                .authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login",
                                "/invite/**",
                                "/password-reset",
                                "/password-reset/**",
                                "/help",
                                "/help/**",
                                "/actuator/health",
                                "/actuator/health/**",
                                "/webjars/**",
                                "/css/**",
                                "/js/**",
                                "/favicon.ico",
                                "/error")
                        .permitAll()
                        .requestMatchers("/actuator/**", "/admin/**")
                        .hasRole("ADMIN")
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login")
                        .successHandler(loginSucceeded)
                        .failureHandler((request, response, e) -> response.sendRedirect(request.getContextPath()
                                + (e instanceof LoginLockedException ? "/login?locked" : "/login?error")))
                        .permitAll())
                .httpBasic(basic -> {})
                .addFilterAfter(new SessionUserRefreshFilter(directory), BasicAuthenticationFilter.class)
                .exceptionHandling(ex -> ex.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
