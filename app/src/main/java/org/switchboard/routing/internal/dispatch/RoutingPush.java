package org.switchboard.routing.internal.dispatch;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.switchboard.identity.UserId;

/**
 * The live push of routing to browsers (server-sent events): an agent's desktop hears of its own offers and
 * presence; supervisors hear of every change. A notice is small JSON; the page re-fetches what it shows.
 * Writes happen on virtual threads, never on the thread that committed the change.
 */
@Component
public class RoutingPush implements DisposableBean {

    /** One browser's stream. */
    public interface Stream {
        void send(String event, String json) throws IOException;

        void close();
    }

    private record Subscriber(Stream stream, @Nullable UserId agent, boolean supervisor) {}

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    /**
     * @param agent whose own notices the stream receives (null: none)
     * @param supervisor whether it receives every notice
     * @return removes the stream again
     */
    public Runnable subscribe(Stream stream, @Nullable UserId agent, boolean supervisor) {
        Subscriber subscriber = new Subscriber(stream, agent, supervisor);
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** A notice for one agent's desktop (and every supervisor). */
    void toAgent(UserId agent, String event, String json) {
        publish(event, json, agent);
    }

    /** A notice for supervisors only (queue changes). */
    void toSupervisors(String event, String json) {
        publish(event, json, null);
    }

    /** Keeps idle streams open and finds dead ones. */
    void heartbeat() {
        publish("heartbeat", "{}", null, true);
    }

    private void publish(String event, String json, @Nullable UserId agent) {
        publish(event, json, agent, false);
    }

    private void publish(String event, String json, @Nullable UserId agent, boolean everyone) {
        executor.execute(() -> {
            for (Subscriber subscriber : subscribers) {
                if (everyone || subscriber.supervisor() || (agent != null && agent.equals(subscriber.agent()))) {
                    try {
                        subscriber.stream().send(event, json);
                    } catch (IOException | RuntimeException e) {
                        subscribers.remove(subscriber);
                        subscriber.stream().close();
                    }
                }
            }
        });
    }

    public int streams() {
        return subscribers.size();
    }

    @Override
    public void destroy() {
        for (Subscriber subscriber : subscribers) {
            subscriber.stream().close();
        }
        subscribers.clear();
        executor.close();
    }
}
