package org.switchboard.channel.email.ingest;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.switchboard.channel.email.EmailIngestion;
import org.switchboard.channel.email.mailbox.EmailChannelProperties;
import org.switchboard.channel.email.mailbox.MailSessions;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.Mailboxes;

/**
 * One watcher (a virtual thread) per active mailbox: connect, synchronize, then wait for new mail with
 * IMAP IDLE (renewed every {@code idle-renewal}) or, when the server has no IDLE, poll every {@code
 * poll-interval}. A failure is recorded on the mailbox's health and retried with exponential backoff up
 * to {@code max-backoff}; repeated failures raise the mailbox's alert. Mailboxes are served concurrently,
 * so a slow one never holds up the others. Also the synchronous entry point {@link EmailIngestion}.
 */
@Component
class MailboxWatchers implements EmailIngestion, SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(MailboxWatchers.class);
    private static final long QUICK_RENEWAL_MILLIS = 3_000;

    private final Mailboxes mailboxes;
    private final MailSessions sessions;
    private final MailboxSync sync;
    private final EmailChannelProperties properties;
    private final Map<UUID, Watcher> watchers = new ConcurrentHashMap<>();
    /** One synchronization per mailbox at a time (watcher and {@link #ingestNow} alike). */
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();

    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("email-idle-renewal").factory());
    private volatile boolean running;
    /** The application has been ready once: a later {@link #start()} (a stopped context started again) resumes. */
    private volatile boolean ready;

    MailboxWatchers(Mailboxes mailboxes, MailSessions sessions, MailboxSync sync, EmailChannelProperties properties) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.sync = sync;
        this.properties = properties;
    }

    @Override
    public int ingestNow(String mailbox) {
        Mailbox box = mailboxes.get(mailbox);
        ReentrantLock lock = locks.computeIfAbsent(box.id(), k -> new ReentrantLock());
        lock.lock();
        try (IMAPStore store = sessions.connectImap(box)) {
            IMAPFolder folder = (IMAPFolder) store.getFolder(box.folder());
            folder.open(Folder.READ_WRITE);
            try {
                MailboxSync.Report report = sync.sync(box, folder);
                mailboxes.recordSuccess(box.id(), "manual");
                return report.ingested();
            } finally {
                folder.close(false);
            }
        } catch (MessagingException | java.io.IOException e) {
            mailboxes.recordFailure(box.id(), MailSessions.describe(e));
            throw new IllegalStateException("Mailbox " + box.name() + ": " + MailSessions.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void startAll() {
        ready = true;
        if (!properties.fetch().enabled()) {
            return;
        }
        running = true;
        List<Mailbox> configured;
        try {
            configured = mailboxes.list();
        } catch (IllegalStateException e) {
            // a secret stored under another key: the rest of the application must still start
            log.error("Mailboxes not started: {}", e.getMessage());
            return;
        }
        for (Mailbox mailbox : configured) {
            // One mailbox that cannot start (e.g. a secret stored under another key) must not keep the
            // others, or the whole application, from running.
            try {
                restart(mailbox.id());
            } catch (RuntimeException e) {
                log.error("Mailbox {} ({}) not started: {}", mailbox.name(), mailbox.id(), e.getMessage());
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(Mailboxes.MailboxesChanged changed) {
        if (running) {
            restart(changed.mailbox());
        }
    }

    private synchronized void restart(UUID id) {
        Watcher old = watchers.remove(id);
        if (old != null) {
            old.stop();
        }
        mailboxes.find(id.toString()).filter(Mailbox::active).ifPresent(mailbox -> {
            Watcher watcher = new Watcher(mailbox);
            watchers.put(id, watcher);
            // A platform thread per mailbox: watchers reconnecting together load classes, and virtual
            // threads doing that pin their carriers; with both carriers pinned, a platform thread waiting
            // on a jar lock one of them held deadlocked the JVM once.
            watcher.thread =
                    Thread.ofPlatform().daemon().name("email-" + mailbox.name()).start(watcher::run);
        });
    }

    /** Whether a watcher currently waits on this mailbox with IDLE ({@code idle}) or polls ({@code polling}). */
    @Nullable
    String mode(UUID mailbox) {
        Watcher w = watchers.get(mailbox);
        return w == null ? null : w.mode;
    }

    private final class Watcher {
        private final Mailbox mailbox;
        private volatile boolean stopped;
        private volatile @Nullable IMAPStore store;
        private volatile @Nullable Thread thread;
        private volatile @Nullable String mode;

        Watcher(Mailbox mailbox) {
            this.mailbox = mailbox;
        }

        void run() {
            int failures = 0;
            while (!stopped && running) {
                try (IMAPStore connected = sessions.connectImap(mailbox)) {
                    store = connected;
                    IMAPFolder folder = (IMAPFolder) connected.getFolder(mailbox.folder());
                    folder.open(Folder.READ_WRITE);
                    boolean idle = connected.hasCapability("IDLE");
                    mode = idle ? "idle" : "polling";
                    failures = 0;
                    boolean quickRenewal = true;
                    while (!stopped && running) {
                        // until a round finds nothing: mail that arrived during a round is not announced again
                        int fetched = 0;
                        for (int got; (got = synchronize(folder).fetched()) > 0 && !stopped; ) {
                            fetched += got;
                        }
                        // mail arriving while IDLE is being entered may go unannounced by some servers: the
                        // first IDLE after connecting or after new mail is renewed after a few seconds
                        quickRenewal |= fetched > 0;
                        mailboxes.recordSuccess(mailbox.id(), mode);
                        if (idle) {
                            long renewAfter = quickRenewal
                                    ? Math.min(
                                            QUICK_RENEWAL_MILLIS,
                                            properties.fetch().idleRenewal().toMillis())
                                    : properties.fetch().idleRenewal().toMillis();
                            quickRenewal = false;
                            var renewal =
                                    renewals.schedule(() -> interruptIdle(folder), renewAfter, TimeUnit.MILLISECONDS);
                            try {
                                folder.idle(true);
                            } finally {
                                renewal.cancel(false);
                            }
                        } else {
                            sleep(properties.fetch().pollInterval());
                        }
                        if (!folder.isOpen()) {
                            folder.open(Folder.READ_WRITE);
                        }
                    }
                } catch (Exception e) {
                    if (stopped || !running) {
                        return;
                    }
                    failures = mailboxes.recordFailure(mailbox.id(), MailSessions.describe(e));
                    if (failures >= properties.fetch().alertAfterFailures()) {
                        log.warn(
                                "Mailbox {} failed {} times in a row: {}",
                                mailbox.name(),
                                failures,
                                MailSessions.describe(e));
                    }
                    long seconds = Math.min(properties.fetch().maxBackoff().toSeconds(), 1L << Math.min(failures, 16));
                    sleep(Duration.ofSeconds(seconds));
                } finally {
                    store = null;
                }
            }
        }

        private MailboxSync.Report synchronize(IMAPFolder folder) throws Exception {
            ReentrantLock lock = locks.computeIfAbsent(mailbox.id(), k -> new ReentrantLock());
            lock.lock();
            try {
                return sync.sync(mailbox, folder);
            } finally {
                lock.unlock();
            }
        }

        /** Any command on the folder ends an IDLE in progress; NOOP is the harmless one. */
        private void interruptIdle(IMAPFolder folder) {
            try {
                folder.doCommand(protocol -> {
                    protocol.simpleCommand("NOOP", null);
                    return null;
                });
            } catch (MessagingException | RuntimeException ignored) {
                // the connection is gone: the watcher notices and reconnects
            }
        }

        private void sleep(Duration duration) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopped = true;
            }
        }

        void stop() {
            stopped = true;
            IMAPStore s = store;
            if (s != null) {
                try {
                    s.close();
                } catch (MessagingException ignored) {
                    // closing a broken connection
                }
            }
            Thread t = thread;
            if (t != null) {
                t.interrupt();
            }
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    public void start() {
        // The first start waits for the application to be ready (startAll); a context that was stopped and
        // started again (e.g. paused and resumed) watches its mailboxes again at once.
        if (ready && !running) {
            startAll();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        watchers.values().forEach(Watcher::stop);
        watchers.clear();
    }

    @Override
    public void destroy() {
        renewals.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stop before the data source and the web server go away
        return Integer.MAX_VALUE - 100;
    }
}
