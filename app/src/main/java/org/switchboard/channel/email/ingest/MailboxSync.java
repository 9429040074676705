package org.switchboard.channel.email.ingest;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
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

    MailboxSync(InboundStore store, InboundProcessor processor, EmailChannelProperties properties) {
        this.store = store;
        this.processor = processor;
        this.properties = properties;
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
        report = report.plus(processAll(mailbox, store.pending(id)));
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
            for (Message m : found) {
                // "n:*" also returns the highest message when n is above it
                if (m != null && !m.isExpunged() && folder.getUID(m) > lastUid) {
                    fresh.add(m);
                    if (fresh.size() == properties.fetch().batchSize()) {
                        break;
                    }
                }
            }
            if (fresh.isEmpty()) {
                return report;
            }
            List<InboundStore.Fetched> fetched = new ArrayList<>();
            long highest = lastUid;
            for (Message m : fresh) {
                long uid = folder.getUID(m);
                fetched.add(new InboundStore.Fetched(uid, raw(m)));
                highest = Math.max(highest, uid);
            }
            CrashPoints.reach(CrashPoints.AFTER_FETCH);
            List<UUID> stored = store.store(id, folderName, uidValidity, fetched, highest);
            CrashPoints.reach(CrashPoints.AFTER_STORE);
            Report batch = processAll(mailbox, stored);
            report = report.plus(new Report(fetched.size(), batch.ingested(), batch.duplicates(), batch.other()));
            List<Long> done = new ArrayList<>();
            for (UUID row : stored) {
                if (store.processed(row)) {
                    done.add(store.uidOf(row));
                }
            }
            finishOnServer(mailbox, folder, uidValidity, done);
            lastUid = highest;
        }
    }

    private Report processAll(Mailbox mailbox, List<UUID> rows) {
        int ingested = 0;
        int duplicates = 0;
        int other = 0;
        for (UUID row : rows) {
            InboundProcessor.Result result;
            try {
                result = processor.process(row, mailbox);
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

    private static byte[] raw(Message message) throws MessagingException, IOException {
        if (message instanceof IMAPMessage imap) {
            imap.setPeek(true); // fetching must not mark it read: that happens after it is safely stored
        }
        var out = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        message.writeTo(out);
        return out.toByteArray();
    }
}
