package org.switchboard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.identity.Actor;
import org.switchboard.identity.UserId;
import org.switchboard.platform.InvalidInputException;

/**
 * Invitation links: {@code /invite/{token}} lets an invited user set their password. A link is
 * single-use and expires ({@code switchboard.identity.invitation-ttl}, 7 days); only the token's
 * SHA-256 hash is stored.
 */
@Service
public class Invitations {

    private final JdbcClient jdbc;
    private final LinkMailer mailer;
    private final AuditTrail audit;
    private final IdentityProperties properties;
    private final Clock clock;
    private final PasswordSetter passwords;

    Invitations(
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

    /**
     * An issued invitation. {@code url} is set only when the link was not mailed, so the admin can
     * hand it over.
     */
    public record Issued(String url, Instant expiresAt, boolean mailed) {}

    /** Issues a link for a user (in the caller's transaction) and mails it when mail is configured. */
    Issued issue(UserId user, Actor by, String baseUrl) {
        String token = SecretTokens.newSecret();
        Instant now = clock.instant();
        Instant expires = now.plus(properties.invitationTtl());
        jdbc.sql("""
                        insert into invitation (token_hash, user_id, created_by, created_at, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(
                        SecretTokens.hash(token),
                        user.value(),
                        by == null ? null : by.id().value(),
                        Sql.ts(now),
                        Sql.ts(expires))
                .update();
        String url = stripSlash(baseUrl) + "/invite/" + token;
        var recipient = jdbc.sql("select email, display_name from app_user where id = ?")
                .param(user.value())
                .query((rs, n) -> new String[] {rs.getString("email"), rs.getString("display_name")})
                .single();
        boolean mailed = mailer.send(
                recipient[0],
                "Your Switchboard account",
                "Hello " + recipient[1]
                        + ",\n\nan account on Switchboard was created for you. Choose your password here"
                        + " (the link works once and expires on " + expires + "):\n\n" + url + "\n");
        audit.record(by, "user.invited", "user", user.toString(), Map.of("mailed", mailed));
        return new Issued(mailed ? null : url, expires, mailed);
    }

    /** The invited user of a valid (unused, unexpired) link, for showing the form. */
    public Optional<String> usernameFor(String token) {
        return jdbc.sql("""
                        select u.username from invitation i join app_user u on u.id = i.user_id
                        where i.token_hash = ? and i.used_at is null and i.expires_at > ? and u.active""")
                .params(SecretTokens.hash(token), Sql.ts(clock.instant()))
                .query(String.class)
                .optional();
    }

    /** Sets the password through a link and uses the link up; empty when the link is not valid. */
    @Transactional
    public Optional<UserId> accept(String token, String password) {
        ProfileRules.password(password, "password");
        Optional<UserId> user = SingleUseLinks.redeem(jdbc, "invitation", token, clock.instant());
        user.ifPresent(id -> passwords.set(id, password, "invitation"));
        return user;
    }

    static String stripSlash(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("publicUrl", "is not known");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
