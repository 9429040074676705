package org.switchboard.channel.email.ingest;

import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.switchboard.channel.email.QuarantinedEmailReleased;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.Mailboxes;

/**
 * Takes up a quarantined message an administrator released: its stored row is set back to {@code stored}
 * and processed again as if it had just arrived. Delivered from the event publication registry, so a
 * release is not lost on a crash; processing stays idempotent (the row is locked and deduplicated).
 */
@Component
class QuarantineRelease {

    private static final Logger log = LoggerFactory.getLogger(QuarantineRelease.class);

    private final JdbcClient jdbc;
    private final Mailboxes mailboxes;
    private final InboundProcessor processor;

    QuarantineRelease(JdbcClient jdbc, Mailboxes mailboxes, InboundProcessor processor) {
        this.jdbc = jdbc;
        this.mailboxes = mailboxes;
        this.processor = processor;
    }

    @ApplicationModuleListener
    void on(QuarantinedEmailReleased released) {
        Optional<Mailbox> mailbox = mailboxes.find(released.mailbox());
        String source = released.source();
        if (mailbox.isEmpty() || source == null) {
            log.warn("A released quarantined email names no known mailbox or source ({})", released.quarantineId());
            return;
        }
        // source is folder/uidvalidity/uid, as ingestion wrote it; the folder may contain slashes
        int last = source.lastIndexOf('/');
        int middle = source.lastIndexOf('/', last - 1);
        if (last < 0 || middle < 0) {
            return;
        }
        String folder = source.substring(0, middle);
        long uidValidity = Long.parseLong(source.substring(middle + 1, last));
        long uid = Long.parseLong(source.substring(last + 1));
        Optional<UUID> row = jdbc.sql("""
                        update email_inbound set status = 'stored', detail = 'released from quarantine'
                        where mailbox_id = ? and folder = ? and uidvalidity = ? and uid = ? and status = 'quarantined'
                        returning id""")
                .params(mailbox.get().id(), folder, uidValidity, uid)
                .query(UUID.class)
                .optional();
        row.ifPresent(id -> processor.process(id, mailbox.get()));
    }
}
