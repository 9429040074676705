package org.switchboard.identity.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of users and authentication ({@code switchboard.identity.*}).
 *
 * @param bcryptStrength work factor of password hashes (10 in production; tests may lower it)
 * @param invitationTtl how long an invitation link is valid
 * @param passwordResetTtl how long a password-reset link is valid
 * @param mailFrom sender address of invitation and password-reset mails
 * @param login the login rate limit (kept in memory per node; a restart forgets it)
 */
@ConfigurationProperties("switchboard.identity")
public record IdentityProperties(
        @DefaultValue("10") int bcryptStrength,
        @DefaultValue("7d") Duration invitationTtl,
        @DefaultValue("1h") Duration passwordResetTtl,
        @DefaultValue("switchboard@localhost") String mailFrom,
        @DefaultValue Login login) {

    /**
     * @param maxAccountFailures failed logins of one account within {@code window} that lock it
     * @param maxAddressFailures failed logins from one client address within {@code window} that lock it
     * @param window the period failures are counted in
     * @param lockDuration how long a lock lasts
     */
    public record Login(
            @DefaultValue("5") int maxAccountFailures,
            @DefaultValue("20") int maxAddressFailures,
            @DefaultValue("15m") Duration window,
            @DefaultValue("15m") Duration lockDuration) {}
}
