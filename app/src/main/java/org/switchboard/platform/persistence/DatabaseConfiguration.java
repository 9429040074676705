package org.switchboard.platform.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.switchboard.platform.SwitchboardDatabase;
import org.switchboard.platform.SwitchboardProperties;

/**
 * One DataSource: the external PostgreSQL when {@code SWITCHBOARD_DB_URL} is set, otherwise the
 * embedded PostgreSQL kept under {@code SWITCHBOARD_DATA_DIR}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    SwitchboardDatabase switchboardDatabase(SwitchboardProperties properties) {
        return SwitchboardDatabase.open(properties);
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(SwitchboardDatabase database) {
        var config = new HikariConfig();
        config.setPoolName("switchboard");
        config.setJdbcUrl(database.jdbcUrl());
        config.setUsername(database.user());
        config.setPassword(database.password());
        config.setMaximumPoolSize(20);
        config.setConnectionTimeout(10_000);
        // A JDBC batch of inserts goes to PostgreSQL as multi-row inserts (routing's journal and the
        // interaction-event log write in batches); batched inserts then report no per-row counts.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new CountingHikariDataSource(config);
    }

    /** The pool, handing out connections whose statements are counted per thread ({@link StatementCounter}). */
    static final class CountingHikariDataSource extends HikariDataSource {
        CountingHikariDataSource(HikariConfig config) {
            super(config);
        }

        @Override
        public Connection getConnection() throws SQLException {
            return StatementCounter.counting(super.getConnection());
        }
    }
}
