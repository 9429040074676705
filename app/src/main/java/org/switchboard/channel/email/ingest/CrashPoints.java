package org.switchboard.channel.email.ingest;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Test-only crash points of ingestion. When the system property {@code switchboard.email.crash-at} names
 * a point, the process announces it on standard output ({@code CRASH-POINT <name>}) and stops there for
 * good, so a test can kill it with SIGKILL exactly at that point and check what a restart makes of it.
 * Without the property this is a field read.
 */
final class CrashPoints {

    /** Raw bytes fetched from the server, nothing stored yet. */
    static final String AFTER_FETCH = "after-fetch";
    /** Raw message stored and progress advanced, not processed. */
    static final String AFTER_STORE = "after-store";
    /** Case message committed, the server's message not flagged or moved. */
    static final String AFTER_COMMIT = "after-commit";
    /** Flagged or moved on the server, not yet recorded as such. */
    static final String AFTER_FLAG = "after-flag";

    private static final String TARGET = System.getProperty("switchboard.email.crash-at");

    private CrashPoints() {}

    static void reach(String point) {
        if (TARGET != null && TARGET.equals(point)) {
            @SuppressWarnings("DefaultCharset")
            PrintStream out = new PrintStream(
                    new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
            out.println("CRASH-POINT " + point);
            out.flush();
            while (true) {
                LockSupport.park();
            }
        }
    }
}
