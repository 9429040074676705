package org.switchboard.platform;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Writes a dump of every thread of the test JVM, virtual ones included, for a test that timed out waiting
 * for asynchronous work: the failure message names the file, which CI keeps with the test reports.
 */
public final class ThreadDump {

    private ThreadDump() {}

    /** Writes the dump under {@code target/thread-dumps} and says where, or why it could not. */
    public static String write(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "thread-dumps"));
            Path file = dir.resolve(name + "-" + Instant.now().toEpochMilli() + ".txt")
                    .toAbsolutePath();
            ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                    .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
            return "threads dumped to " + file;
        } catch (IOException | RuntimeException e) {
            return "no thread dump: " + e;
        }
    }

    /** The top frames of the live platform threads whose names start with one of the prefixes. */
    public static String stacksOf(String... prefixes) {
        var out = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            for (String prefix : prefixes) {
                if (thread.getName().startsWith(prefix)) {
                    out.append('\n').append(thread.getName()).append(' ').append(thread.getState());
                    for (int i = 0; i < Math.min(frames.length, 12); i++) {
                        out.append("\n    at ").append(frames[i]);
                    }
                    break;
                }
            }
        });
        return out.isEmpty() ? "no thread named " + String.join(", ", prefixes) : out.toString();
    }
}
