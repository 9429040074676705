package org.switchboard.platform.events;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.stereotype.Component;

/**
 * Runs every asynchronous event listener ({@code @ApplicationModuleListener}, {@code @Async}) of every
 * module on at most {@code switchboard.events.async-listeners} threads at a time, below the database
 * pool's size, so listeners can never take all connections from the requests and channel work that
 * publish their events.
 *
 * <p>Submitting never blocks: a listener beyond the bound waits in a queue, not on the publishing
 * thread. That matters because listeners are submitted after a commit while the publisher may still hold
 * its connection, and a listener may itself publish; a blocking bound would let publishers and
 * listeners wait for each other's slots and connections. A queued listener is not lost on a crash: its
 * publication is stored in Modulith's event publication registry in the publisher's transaction and
 * resubmitted at the next start ({@code spring.modulith.events.republish-outstanding-events-on-restart}).
 */
@Component
class AsyncListenerExecution implements AsyncConfigurer, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AsyncListenerExecution.class);

    /**
     * @param asyncListeners at most this many listeners run at once (the database pool has 20 connections)
     */
    @ConfigurationProperties("switchboard.events")
    record Settings(@DefaultValue("8") int asyncListeners) {
        Settings {
            if (asyncListeners < 1) {
                throw new IllegalArgumentException("switchboard.events.async-listeners must be at least 1");
            }
        }
    }

    private final int threads;
    /** Replaced on a start after a stop: a stopped context (tests pause cached ones) starts again. */
    private volatile ThreadPoolExecutor executor;

    private volatile boolean running;

    AsyncListenerExecution(Settings settings) {
        this.threads = settings.asyncListeners();
        this.executor = newPool();
    }

    private ThreadPoolExecutor newPool() {
        // A fixed number of workers over an unbounded queue: execute() only enqueues. Platform threads: a
        // bounded pool gains nothing from virtual ones, and listeners keep running even when virtual
        // threads elsewhere pin every carrier (class initialization still pins them).
        var pool = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("event-listener-", 0).daemon(true).factory(),
                (task, stopped) -> log.info("Asynchronous listener submitted while stopped; its publication is"
                        + " resubmitted at the next start"));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public Executor getAsyncExecutor() {
        return task -> executor.execute(task);
    }

    @Override
    public synchronized void start() {
        if (executor.isShutdown()) {
            executor = newPool();
        }
        running = true;
    }

    /**
     * Lets the queued and running listeners finish for up to 10 s; what is still queued then is dropped
     * (its publication stays incomplete and is resubmitted at the next start) before the database goes
     * away.
     */
    @Override
    public synchronized void stop() {
        running = false;
        ThreadPoolExecutor pool = executor;
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                List<Runnable> dropped = new ArrayList<>();
                pool.getQueue().drainTo(dropped);
                log.warn("{} queued asynchronous listeners left for the next start", dropped.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // after the web server and the mailbox watchers (no new work), before the data source closes
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
