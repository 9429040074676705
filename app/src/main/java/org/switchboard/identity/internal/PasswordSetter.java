package org.switchboard.identity.internal;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.switchboard.identity.UserId;

/** Stores a new password hash for a user whose link was checked by the caller. */
@Component
class PasswordSetter {

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final AuditTrail audit;

    PasswordSetter(JdbcClient jdbc, PasswordEncoder encoder, AuditTrail audit) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.audit = audit;
    }

    void set(UserId id, String password, String via) {
        String checked = ProfileRules.password(password, "password");
        jdbc.sql("update app_user set password_hash = ?, version = version + 1 where id = ?")
                .params(encoder.encode(checked), id.value())
                .update();
        audit.record(null, "user.password_set", "user", id.toString(), Map.of("via", via));
    }
}
