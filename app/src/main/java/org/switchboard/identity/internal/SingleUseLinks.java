package org.switchboard.identity.internal;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.UserId;

/**
 * Redeeming a single-use link of an active user: invitations and password resets keep the same columns
 * ({@code token_hash}, {@code user_id}, {@code used_at}, {@code expires_at}) in tables of their own.
 */
final class SingleUseLinks {

    private SingleUseLinks() {}

    /**
     * Uses up the link if it is unused, unexpired and its user active, and voids the user's other
     * outstanding links of the same kind; the user, or empty when the link is not valid.
     *
     * @param table {@code invitation} or {@code password_reset} (a constant, never input)
     */
    static Optional<UserId> redeem(JdbcClient jdbc, String table, String token, Instant now) {
        Optional<UserId> user = jdbc.sql("""
                        update %s l set used_at = :now
                        from app_user u
                        where l.token_hash = :hash and u.id = l.user_id and u.active
                          and l.used_at is null and l.expires_at > :now
                        returning l.user_id""".formatted(table))
                .param("now", Sql.ts(now))
                .param("hash", SecretTokens.hash(token))
                .query((rs, n) -> new UserId(Sql.uuid(rs, "user_id")))
                .optional();
        user.ifPresent(
                id -> jdbc.sql("update %s set used_at = ? where user_id = ? and used_at is null".formatted(table))
                        .params(Sql.ts(now), id.value())
                        .update());
        return user;
    }
}
