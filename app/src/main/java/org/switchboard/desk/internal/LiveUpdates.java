package org.switchboard.desk.internal;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The hub of the live updates: every open desk page holds one connection (a server-sent event stream)
 * and receives short notices ("case SB-10042 changed", "the viewers of a case changed"); the page then
 * re-fetches what it shows through the normal, authorized pages. A notice carries ids only, never case
 * content, and reaches only connections whose audience test accepts it.
 *
 * <p>Threading: notices are written on the given executor (virtual threads in the application), never on
 * the thread that committed the change, so a slow browser cannot slow down a request. A connection that
 * fails to take a write is closed and forgotten.
 */
public final class LiveUpdates {

    /**
     * What changed.
     *
     * @param kind {@code case} (the case changed) or {@code viewers} (who has it open changed)
     * @param type the case event type, e.g. {@code case.status_changed}; null for viewer notices
     * @param queueId the case's queue after the change, null when unfiled or unknown
     * @param assigneeId the agent the case is assigned to (or who acted), null when unknown
     */
    public record Notice(
            String kind,
            String caseId,
            @Nullable String type,
            @Nullable String queueId,
            @Nullable String assigneeId) {

        public String json() {
            return "{\"kind\":\"" + kind + "\",\"caseId\":\"" + caseId + "\""
                    + (type == null ? "" : ",\"type\":\"" + type + "\"") + "}";
        }
    }

    /** One browser's stream. Implementations must tolerate concurrent calls. */
    public interface Connection {
        void send(String eventName, String data) throws IOException;

        void comment(String text) throws IOException;

        void close();
    }

    private record Subscriber(Connection connection, Predicate<Notice> audience) {}

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final Executor executor;

    public LiveUpdates(Executor executor) {
        this.executor = executor;
    }

    /** Registers a stream; the returned handle removes it again (when the browser goes away). */
    public Runnable subscribe(Connection connection, Predicate<Notice> audience) {
        Subscriber subscriber = new Subscriber(connection, audience);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** Sends {@code notice} to every connection whose audience accepts it. */
    public void publish(Notice notice) {
        executor.execute(() -> {
            for (Subscriber subscriber : subscribers) {
                boolean accepted;
                try {
                    accepted = subscriber.audience().test(notice);
                } catch (RuntimeException e) {
                    accepted = false;
                }
                if (accepted) {
                    write(subscriber, connection -> connection.send(notice.kind(), notice.json()));
                }
            }
        });
    }

    /** Writes a comment to every connection: keeps idle streams open and finds dead ones. */
    public void heartbeat() {
        executor.execute(() -> {
            for (Subscriber subscriber : subscribers) {
                write(subscriber, connection -> connection.comment("heartbeat"));
            }
        });
    }

    /**
     * Ends every stream (at shutdown: an open stream would otherwise hold the web server's graceful
     * shutdown until its timeout). Browsers reconnect to whichever node serves them next.
     */
    public void closeAll() {
        for (Subscriber subscriber : subscribers) {
            subscribers.remove(subscriber);
            subscriber.connection().close();
        }
    }

    public int connections() {
        return subscribers.size();
    }

    private void write(Subscriber subscriber, Write write) {
        try {
            write.to(subscriber.connection());
        } catch (IOException | RuntimeException e) {
            subscribers.remove(subscriber);
            subscriber.connection().close();
        }
    }

    @FunctionalInterface
    private interface Write {
        void to(Connection connection) throws IOException;
    }
}
