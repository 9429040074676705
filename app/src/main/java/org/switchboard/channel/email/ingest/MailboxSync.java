package org.switchboard.channel.email.ingest;

import jakarta.annotation.PreDestroy;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.switchboard.channel.email.mailbox.EmailChannelProperties;
import org.switchboard.channel.email.mailbox.Mailbox;

/**
 * One synchronization of a mailbox folder: process what was stored but not processed, flag or move what
 * was processed but not flagged, then fetch every message above the stored progress in batches — store
 * raw (with the progress), process each, flag or move on the server. Every step can be cut off at any
 * point and the next synchronization finishes it without duplicating anything.
 */
@Component
class MailboxSync {

    private static final Logger log = LoggerFactory.getLogger(MailboxSync.class);

    private final InboundStore store;
    private final InboundProcessor processor;
    private final EmailChannelProperties properties;

    /** Processing workers shared by all mailboxes; submitting only enqueues. */
    private final ThreadPoolExecutor workers;

    MailboxSync(InboundStore store, InboundProcessor processor, EmailChannelProperties properties) {
        this.store = store;
        this.processor = processor;
        this.properties = properties;
        int threads = properties.fetch().processingThreads();
        this.workers = new ThreadPoolExecutor(
                threads,
                threads,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                // platform threads: a bounded pool gains nothing from virtual ones (see MailboxWatchers)
                Thread.ofPlatform().name("email-processing-", 0).daemon().factory());
        workers.allowCoreThreadTimeOut(true);
    }

    @PreDestroy
    void stop() {
        // a row not processed yet stays stored and is processed after the next start
        workers.shutdownNow();
    }

    /** What one synchronization did. */
    record Report(int fetched, int ingested, int duplicates, int other) {
        Report plus(Report o) {
            return new Report(fetched + o.fetched, ingested + o.ingested, duplicates + o.duplicates, other + o.other);
        }
    }

    /** Synchronizes the mailbox's folder, which must be open read-write. */
    Report sync(Mailbox mailbox, IMAPFolder folder) throws MessagingException, IOException {
        UUID id = mailbox.id();
        String folderName = mailbox.folder();
        long uidValidity = folder.getUIDValidity();
        var state = store.state(id, folderName);
        long lastUid = state.isPresent() && state.get().uidValidity() == uidValidity
                ? state.get().lastUid()
                : 0;
        if (state.isPresent() && state.get().uidValidity() != uidValidity) {
            log.warn(
                    "Mailbox {}: UIDVALIDITY of {} changed from {} to {}; fetching the folder again (duplicates are"
                            + " recognised by Message-ID)",
                    mailbox.name(),
                    folderName,
                    state.get().uidValidity(),
                    uidValidity);
        }
        Report report = new Report(0, 0, 0, 0);
        // 1. stored before a crash, not processed
        report = report.plus(process(mailbox, List.of(store.pending(id)), Map.of()));
        // 2. processed before a crash, not flagged or moved
        finishOnServer(mailbox, folder, uidValidity, store.unflagged(id, folderName, uidValidity));
        // 3. new mail
        while (true) {
            Message[] found = folder.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            folder.fetch(found, profile);
            List<Message> fresh = new ArrayList<>();
            long bytes = 0;
            long budget = properties.fetch().batchBytes().toBytes();
            for (Message m : found) {
                // "n:*" also returns the highest message when n is above it
                if (m != null && !m.isExpunged() && folder.getUID(m) > lastUid) {
                    long size = Math.max(0, m.getSize());
                    if (!fresh.isEmpty() && bytes + size > budget) {
                        break;
                    }
                    fresh.add(m);
                    bytes += size;
                    if (fresh.size() == properties.fetch().batchSize()) {
                        break;
                    }
                }
            }
            if (fresh.isEmpty()) {
                return report;
            }
            List<Long> uids = new ArrayList<>();
            for (Message m : fresh) {
                uids.add(folder.getUID(m));
            }
            Map<Long, byte[]> bodies = fetchRaw(folder, uids);
            List<InboundStore.Fetched> fetched = new ArrayList<>();
            long highest = lastUid;
            for (int i = 0; i < fresh.size(); i++) {
                long uid = uids.get(i);
                byte[] raw = bodies.get(uid);
                if (raw == null) {
                    // not in the batch's answer (expunged meanwhile?): fetched alone, which fails if it is gone
                    raw = raw(fresh.get(i));
                }
                fetched.add(new InboundStore.Fetched(uid, raw));
                highest = Math.max(highest, uid);
            }
            CrashPoints.reach(CrashPoints.AFTER_FETCH);
            List<UUID> stored = store.store(id, folderName, uidValidity, fetched, highest);
            CrashPoints.reach(CrashPoints.AFTER_STORE);
            List<InboundLanes.Row> rows = new ArrayList<>();
            Map<UUID, byte[]> rawOf = new HashMap<>();
            for (int i = 0; i < stored.size(); i++) {
                rows.add(new InboundLanes.Row(stored.get(i), fetched.get(i).raw()));
                rawOf.put(stored.get(i), fetched.get(i).raw());
            }
            Report batch = process(mailbox, InboundLanes.of(rows), rawOf);
            report = report.plus(new Report(fetched.size(), batch.ingested(), batch.duplicates(), batch.other()));
            List<Long> done = store.processedUids(stored);
            finishOnServer(mailbox, folder, uidValidity, done);
            lastUid = highest;
        }
    }

    /**
     * Processes the lanes on the shared workers, lanes concurrently, each lane's rows one after the other,
     * and waits for all of them. The workers bound how many messages of all mailboxes are processed at once
     * (each holds a database connection), whatever the number of mailboxes. {@code rawOf} holds the raw
     * bytes just stored, so they are not read back; a row without them is read from the database.
     */
    private Report process(Mailbox mailbox, List<List<UUID>> lanes, Map<UUID, byte[]> rawOf) {
        List<Future<Report>> running = new ArrayList<>();
        for (List<UUID> lane : lanes) {
            if (!lane.isEmpty()) {
                running.add(workers.submit(() -> processAll(mailbox, lane, rawOf)));
            }
        }
        Report report = new Report(0, 0, 0, 0);
        for (Future<Report> lane : running) {
            try {
                report = report.plus(lane.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                // what the lanes commit stays committed; unflagged rows are flagged by the next synchronization
                throw new IllegalStateException("Mailbox " + mailbox.name() + ": interrupted while processing", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("Mailbox " + mailbox.name() + ": processing failed", e.getCause());
            }
        }
        return report;
    }

    private Report processAll(Mailbox mailbox, List<UUID> rows, Map<UUID, byte[]> rawOf) {
        int ingested = 0;
        int duplicates = 0;
        int other = 0;
        for (UUID row : rows) {
            InboundProcessor.Result result;
            try {
                result = processor.process(row, rawOf.get(row), mailbox);
            } catch (RuntimeException e) {
                log.error("Mailbox {}: processing stored message {} failed", mailbox.name(), row, e);
                processor.recordFailure(row, e.getClass().getSimpleName() + ": " + e.getMessage());
                continue;
            }
            CrashPoints.reach(CrashPoints.AFTER_COMMIT);
            switch (result) {
                case INGESTED -> ingested++;
                case DUPLICATE -> duplicates++;
                case SKIPPED -> {}
                default -> other++;
            }
        }
        return new Report(0, ingested, duplicates, other);
    }

    /** Sets \Seen or moves the processed messages, then records that it is done. */
    private void finishOnServer(Mailbox mailbox, IMAPFolder folder, long uidValidity, List<Long> uids)
            throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        long[] array = uids.stream().mapToLong(Long::longValue).toArray();
        Message[] messages = java.util.Arrays.stream(folder.getMessagesByUID(array))
                .filter(m -> m != null && !m.isExpunged())
                .toArray(Message[]::new);
        if (messages.length > 0) {
            if (mailbox.afterImport() == Mailbox.AfterImport.MOVE && mailbox.moveToFolder() != null) {
                Folder target = folder.getStore().getFolder(mailbox.moveToFolder());
                if (!target.exists()) {
                    target.create(Folder.HOLDS_MESSAGES);
                }
                folder.moveMessages(messages, target);
            } else {
                folder.setFlags(messages, new Flags(Flags.Flag.SEEN), true);
            }
        }
        CrashPoints.reach(CrashPoints.AFTER_FLAG);
        store.markFlagged(mailbox.id(), mailbox.folder(), uidValidity, uids);
    }

    /**
     * The raw messages of the given UIDs (ascending) in one {@code UID FETCH … (UID BODY.PEEK[])} round
     * trip instead of one per message; {@code PEEK} leaves them unread. A UID the server did not answer for
     * is absent from the result.
     */
    static Map<Long, byte[]> fetchRaw(IMAPFolder folder, List<Long> uids) throws MessagingException {
        Map<Long, byte[]> raw = new HashMap<>();
        if (uids.isEmpty()) {
            return raw;
        }
        String command = "UID FETCH " + uidSet(uids) + " (UID BODY.PEEK[])";
        folder.doCommand(protocol -> {
            Response[] responses = protocol.command(command, null);
            for (Response response : responses) {
                if (response instanceof FetchResponse fetch) {
                    UID uid = fetch.getItem(UID.class);
                    BODY body = fetch.getItem(BODY.class);
                    if (uid != null && body != null && body.getByteArray() != null) {
                        raw.put(uid.uid, body.getByteArray().getNewBytes());
                    }
                }
            }
            // EXISTS, EXPUNGE and flag changes that came with the answer keep the folder's view current
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return null;
        });
        return raw;
    }

    /** An IMAP sequence set of ascending UIDs, runs written as ranges: {@code 4:9,12,15:16}. */
    static String uidSet(List<Long> ascending) {
        StringBuilder set = new StringBuilder();
        int i = 0;
        while (i < ascending.size()) {
            int j = i;
            while (j + 1 < ascending.size()
                    && ascending.get(j + 1).longValue() == ascending.get(j).longValue() + 1) {
                j++;
            }
            if (!set.isEmpty()) {
                set.append(',');
            }
            set.append(ascending.get(i));
            if (j > i) {
                set.append(':').append(ascending.get(j));
            }
            i = j + 1;
        }
        return set.toString();
    }

    private static byte[] raw(Message message) throws MessagingException, IOException {
        if (message instanceof IMAPMessage imap) {
            imap.setPeek(true); // fetching must not mark it read: that happens after it is safely stored
        }
        var out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        message.writeTo(out);
        return out.toByteArray();
    }
}
