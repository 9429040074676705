package org.switchboard.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the data lives: an external PostgreSQL or the embedded one. The embedded server is shared
 * by every application context of one JVM that uses the same data directory (tests start several
 * contexts), and stopped when the last of them closes.
 */
public final class SwitchboardDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SwitchboardDatabase.class);
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final boolean embedded;
    private final boolean created;
    private final Path directory;

    private SwitchboardDatabase(
            String jdbcUrl, String user, String password, boolean embedded, boolean created, Path directory) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.embedded = embedded;
        this.created = created;
        this.directory = directory;
    }

    public static SwitchboardDatabase open(SwitchboardProperties properties) {
        var db = properties.db();
        if (db.external()) {
            log.info("Using the external PostgreSQL at {}", db.url());
            return new SwitchboardDatabase(
                    db.url(), blankToNull(db.user()), blankToNull(db.password()), false, false, null);
        }
        Path directory =
                properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        synchronized (RUNNING) {
            Running running = RUNNING.get(directory);
            if (running == null) {
                running = start(directory);
                RUNNING.put(directory, running);
            }
            running.users++;
            return new SwitchboardDatabase(
                    running.server.getJdbcUrl("postgres", "postgres"),
                    "postgres",
                    null,
                    true,
                    running.created,
                    directory);
        }
    }

    private static Running start(Path directory) {
        boolean created = !Files.exists(directory.resolve("PG_VERSION"));
        try {
            Files.createDirectories(directory);
            long started = System.nanoTime();
            var server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "100")
                    .start();
            log.info(
                    "Embedded PostgreSQL {} in {} ms, data in {}",
                    created ? "initialized and started" : "started",
                    (System.nanoTime() - started) / 1_000_000,
                    directory);
            return new Running(server, created);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "The embedded PostgreSQL could not start in " + directory + " (" + e.getMessage()
                            + "). Point Switchboard at an external PostgreSQL instead: set SWITCHBOARD_DB_URL"
                            + " (e.g. jdbc:postgresql://localhost:5432/switchboard), SWITCHBOARD_DB_USER and"
                            + " SWITCHBOARD_DB_PASSWORD.",
                    e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** Whether this is the embedded PostgreSQL. */
    public boolean embedded() {
        return embedded;
    }

    /** Whether the embedded database was initialized by this start (a first run). */
    public boolean created() {
        return created;
    }

    @Override
    public void close() throws IOException {
        if (!embedded) {
            return;
        }
        synchronized (RUNNING) {
            Running running = RUNNING.get(directory);
            if (running != null && --running.users == 0) {
                RUNNING.remove(directory);
                running.server.close();
            }
        }
    }

    private static final class Running {
        final EmbeddedPostgres server;
        final boolean created;
        int users;

        Running(EmbeddedPostgres server, boolean created) {
            this.server = server;
            this.created = created;
        }
    }
}
