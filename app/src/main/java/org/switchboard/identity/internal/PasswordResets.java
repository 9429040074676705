package org.switchboard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.UserId;

/**
 * Password resets by mailed link. A request always gets the same answer whether or not an account
 * matches, so the form cannot be used to probe for accounts. The link is single-use and expires
 * ({@code switchboard.identity.password-reset-ttl}, 1 hour); it is only ever mailed, so without a
 * configured mail server nothing is issued.
 */
@Service
public class PasswordResets {

    private static final Logger log = LoggerFactory.getLogger(PasswordResets.class);

    private final JdbcClient jdbc;
    private final LinkMailer mailer;
    private final AuditTrail audit;
    private final IdentityProperties properties;
    private final Clock clock;
    private final PasswordSetter passwords;

    PasswordResets(
            JdbcClient jdbc,
            LinkMailer mailer,
            AuditTrail audit,
            IdentityProperties properties,
            Clock clock,
            PasswordSetter passwords) {
        this.jdbc = jdbc;
        this.mailer = mailer;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
        this.passwords = passwords;
    }

    /** Mails a reset link to the active user with this username or email, if any. */
    @Transactional
    public void request(String usernameOrEmail, String baseUrl) {
        if (usernameOrEmail == null || usernameOrEmail.isBlank()) {
            return;
        }
        var user = jdbc.sql("""
                        select id, email, display_name from app_user
                        where active and email is not null
                          and (lower(username) = lower(:v) or lower(email) = lower(:v))
                        limit 1""")
                .param("v", usernameOrEmail.trim())
                .query((rs, n) -> new Object[] {
                    new UserId(Sql.uuid(rs, "id")), rs.getString("email"), rs.getString("display_name")
                })
                .optional();
        if (user.isEmpty()) {
            return;
        }
        UserId id = (UserId) user.get()[0];
        if (!mailer.configured()) {
            log.warn("A password reset was requested but no mail server is configured (spring.mail.host)");
            return;
        }
        String token = SecretTokens.newSecret();
        Instant now = clock.instant();
        Instant expires = now.plus(properties.passwordResetTtl());
        jdbc.sql("""
                        insert into password_reset (token_hash, user_id, created_at, expires_at)
                        values (?, ?, ?, ?)""")
                .params(SecretTokens.hash(token), id.value(), Sql.ts(now), Sql.ts(expires))
                .update();
        String url = Invitations.stripSlash(baseUrl) + "/password-reset/" + token;
        boolean mailed = mailer.send(
                (String) user.get()[1],
                "Reset your Switchboard password",
                "Hello " + user.get()[2] + ",\n\nsomeone asked to reset your Switchboard password. If it was you,"
                        + " choose a new one here (the link works once and expires on " + expires + "):\n\n" + url
                        + "\n\nIf it was not you, ignore this mail.\n");
        audit.record(null, "user.password_reset_requested", "user", id.toString(), Map.of("mailed", mailed));
    }

    /** Whether a link is valid (unused, unexpired, user active). */
    public boolean valid(String token) {
        return jdbc.sql("""
                                select count(*) from password_reset r join app_user u on u.id = r.user_id
                                where r.token_hash = ? and r.used_at is null and r.expires_at > ? and u.active""")
                        .params(SecretTokens.hash(token), Sql.ts(clock.instant()))
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Sets the new password and uses the link up; empty when the link is not valid. */
    @Transactional
    public Optional<UserId> reset(String token, String password) {
        ProfileRules.password(password, "password");
        Optional<UserId> user = SingleUseLinks.redeem(jdbc, "password_reset", token, clock.instant());
        user.ifPresent(id -> passwords.set(id, password, "password_reset"));
        return user;
    }
}
