package org.switchboard.routing.internal.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ordered write-behind of routing decisions. The dispatcher decides in memory under its lock and
 * appends each decision's writes here; one writer thread applies them in order, many per transaction
 * (group commit), and only then runs their after-commit actions (pushes to desktops) and completes their
 * futures, which the API call waits for before it answers. So the database always holds a prefix of the
 * decisions in their order: a crash loses only decisions nobody was told about, and a restart rebuilds a
 * consistent state from it. A write the database refuses (a row changed outside routing) fails the call
 * that made it, and the dispatcher reloads its memory from the database ({@link #onRefused}).
 */
@Component
class Journal implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Journal.class);
    private static final int MAX_BATCH = 1_000;

    private sealed interface Entry permits Write, AfterCommit {}

    private record Write(Runnable work, CompletableFuture<Void> done) implements Entry {}

    private record AfterCommit(Runnable action) implements Entry {}

    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    /** What to run (on another thread) after a write was refused: the dispatcher reloads from the database. */
    private volatile @Nullable Runnable recovery;

    private final TransactionTemplate transactions;
    private final RoutingStore store;
    private final Thread writer;
    private volatile boolean running = true;
    private final java.util.concurrent.atomic.AtomicLong replays = new java.util.concurrent.atomic.AtomicLong();

    Journal(TransactionTemplate transactions, RoutingStore store) {
        this.transactions = transactions;
        this.store = store;
        this.writer = Thread.ofPlatform().name("routing-journal").daemon().start(this::loop);
    }

    /** Appends database work; the future completes when its transaction committed. */
    CompletableFuture<Void> write(Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        queue.add(new Write(work, done));
        return done;
    }

    /**
     * Sets what runs after a write was refused (its transaction failed on its own): the memory that made
     * the decision no longer matches the database, so the dispatcher reloads from it. Runs on a thread of
     * its own, never on the writer's.
     */
    void onRefused(Runnable action) {
        this.recovery = action;
    }

    /** Runs {@code action} after every write appended before it has committed. */
    void afterCommit(Runnable action) {
        queue.add(new AfterCommit(action));
    }

    /**
     * How many batches were applied again one write per transaction since start: each is a write refused
     * or a batched order the database did not accept, and costs a commit per write.
     */
    long replays() {
        return replays.get();
    }

    /** Waits until everything appended so far has committed. */
    void flush() {
        write(() -> {}).join();
    }

    private void loop() {
        List<Entry> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Entry first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                apply(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Routing journal batch failed", e);
            } finally {
                batch.clear();
            }
        }
    }

    private void apply(List<Entry> batch) {
        List<Write> writes = batch.stream()
                .filter(Write.class::isInstance)
                .map(Write.class::cast)
                .toList();
        boolean refused = false;
        try {
            // the batch's routing rows go to the database as JDBC batches just before the commit
            transactions.executeWithoutResult(status -> {
                store.deferWrites();
                try {
                    writes.forEach(w -> w.work().run());
                    store.flushWrites();
                } finally {
                    store.stopDeferring();
                }
            });
        } catch (RuntimeException batchFailed) {
            // one write did not fit (e.g. a row changed outside routing), or the batched order tripped over a
            // constraint: apply them one by one, each statement at once as it comes; only a write refused
            // then fails its caller, and the dispatcher reloads its memory from the database
            replays.incrementAndGet();
            log.debug(
                    "A routing batch of {} writes is applied again one by one: {}",
                    writes.size(),
                    batchFailed.getMessage());
            for (Write write : writes) {
                try {
                    transactions.executeWithoutResult(status -> write.work().run());
                } catch (RuntimeException e) {
                    log.warn("A routing write was refused; routing reloads its state: {}", e.getMessage());
                    write.done().completeExceptionally(e);
                    refused = true;
                }
            }
        }
        Runnable recover = recovery;
        if (refused && recover != null) {
            Thread.ofVirtual().name("routing-recovery").start(recover);
        }
        for (Entry entry : batch) {
            switch (entry) {
                case Write write -> write.done().complete(null);
                case AfterCommit after -> {
                    try {
                        after.action().run();
                    } catch (RuntimeException e) {
                        log.warn("A routing after-commit action failed: {}", e.getMessage());
                    }
                }
            }
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
