package org.switchboard.identity.internal;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.switchboard.platform.SwitchboardProperties;

/**
 * On start, creates the administrator {@code admin} with {@code switchboard.admin-password}
 * ({@code SWITCHBOARD_ADMIN_PASSWORD}) when the database has no users, so a production start without
 * demo data can be logged into. Runs before other runners (e.g. demo data). Never logs the password.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AdminBootstrap implements ApplicationRunner {

    private final SwitchboardProperties properties;
    private final UserAccounts accounts;

    AdminBootstrap(SwitchboardProperties properties, UserAccounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void run(ApplicationArguments args) {
        run(properties.adminPassword());
    }

    /** Creates the admin when a password is given and there are no users; true when it did. */
    boolean run(String password) {
        if (password == null || password.isBlank()) {
            return false;
        }
        return accounts.bootstrapAdmin(password);
    }
}
