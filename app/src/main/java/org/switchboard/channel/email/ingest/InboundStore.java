package org.switchboard.channel.email.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The raw store of fetched mail and the fetch progress. A fetched message is stored (keyed by mailbox,
 * folder, UIDVALIDITY and UID) in the same transaction that advances the progress, before anything parses
 * it; so a message is either stored and will be processed, or not stored and will be fetched again.
 */
@Component
class InboundStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    InboundStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record FetchState(long uidValidity, long lastUid) {}

    record Fetched(long uid, byte[] raw) {}

    Optional<FetchState> state(UUID mailbox, String folder) {
        return jdbc.sql("select uidvalidity, last_uid from email_fetch_state where mailbox_id = ? and folder = ?")
                .params(mailbox, folder)
                .query((rs, n) -> new FetchState(rs.getLong("uidvalidity"), rs.getLong("last_uid")))
                .optional();
    }

    /**
     * Stores the fetched messages and advances the progress to {@code lastUid} in one transaction. A
     * message stored before (a fetch repeated after a crash) is left as it is. A new UIDVALIDITY restarts
     * the progress: the server renumbered the folder.
     *
     * @return the ids of the stored rows (new or earlier), in UID order
     */
    @Transactional
    List<UUID> store(UUID mailbox, String folder, long uidValidity, List<Fetched> messages, long lastUid) {
        List<UUID> ids = new ArrayList<>();
        Timestamp now = Timestamp.from(clock.instant());
        for (Fetched m : messages) {
            // the id of the new row, or (a fetch repeated after a crash) of the row stored before
            UUID id = jdbc.sql("""
                            insert into email_inbound (id, mailbox_id, folder, uidvalidity, uid, message_id, content_hash,
                                raw, size, status, fetched_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'stored', ?)
                            on conflict (mailbox_id, folder, uidvalidity, uid) do nothing
                            returning id""")
                    .params(
                            UUID.randomUUID(),
                            mailbox,
                            folder,
                            uidValidity,
                            m.uid(),
                            RawHeaders.messageId(m.raw()),
                            sha256(m.raw()),
                            m.raw(),
                            m.raw().length,
                            now)
                    .query(UUID.class)
                    .optional()
                    .orElseGet(() -> jdbc.sql("""
                                    select id from email_inbound
                                    where mailbox_id = ? and folder = ? and uidvalidity = ? and uid = ?""")
                            .params(mailbox, folder, uidValidity, m.uid())
                            .query(UUID.class)
                            .single());
            ids.add(id);
        }
        jdbc.sql("""
                        insert into email_fetch_state (mailbox_id, folder, uidvalidity, last_uid) values (?, ?, ?, ?)
                        on conflict (mailbox_id, folder) do update set
                            last_uid = case when email_fetch_state.uidvalidity = excluded.uidvalidity
                                then greatest(email_fetch_state.last_uid, excluded.last_uid)
                                else excluded.last_uid end,
                            uidvalidity = excluded.uidvalidity""").params(mailbox, folder, uidValidity, lastUid).update();
        return ids;
    }

    /** Stored rows not processed yet (after a crash, or a failed attempt), oldest first. */
    List<UUID> pending(UUID mailbox) {
        return jdbc.sql(
                        "select id from email_inbound where mailbox_id = ? and status = 'stored' order by fetched_at, uid")
                .param(mailbox)
                .query(UUID.class)
                .list();
    }

    /** UIDs of processed messages of this folder generation not yet flagged or moved on the server. */
    List<Long> unflagged(UUID mailbox, String folder, long uidValidity) {
        return jdbc.sql("""
                        select uid from email_inbound where mailbox_id = ? and folder = ? and uidvalidity = ?
                            and flagged = false and status <> 'stored' order by uid""")
                .params(mailbox, folder, uidValidity)
                .query(Long.class)
                .list();
    }

    /** UIDs of the given rows that were processed (so their server messages may be flagged), ascending. */
    List<Long> processedUids(List<UUID> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select uid from email_inbound where id = any(?::uuid[]) and status <> 'stored' order by uid")
                .param(rows.stream().map(UUID::toString).toArray(String[]::new))
                .query(Long.class)
                .list();
    }

    void markFlagged(UUID mailbox, String folder, long uidValidity, List<Long> uids) {
        if (uids.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        update email_inbound set flagged = true
                        where mailbox_id = ? and folder = ? and uidvalidity = ? and uid = any(?)""")
                .params(mailbox, folder, uidValidity, uids.toArray(Long[]::new))
                .update();
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Message-ID in a raw header block, read without parsing the message. */
    static final class RawHeaders {

        private RawHeaders() {}

        /** Scans at most the first 256 KB of header for {@code Message-ID}; null when absent. */
        static @Nullable String messageId(byte[] raw) {
            int limit = Math.min(raw.length, 256 * 1024);
            int lineStart = 0;
            while (lineStart < limit) {
                int end = lineStart;
                while (end < limit && raw[end] != '\n') {
                    end++;
                }
                int lineEnd = end > lineStart && raw[end - 1] == '\r' ? end - 1 : end;
                if (lineEnd == lineStart) {
                    return null; // end of header
                }
                if (lineEnd - lineStart >= 11 && regionMatches(raw, lineStart, "message-id:")) {
                    StringBuilder value = new StringBuilder(
                            new String(raw, lineStart + 11, lineEnd - lineStart - 11, StandardCharsets.US_ASCII));
                    // folded continuation lines
                    int next = end + 1;
                    while (next < limit && (raw[next] == ' ' || raw[next] == '\t')) {
                        int e = next;
                        while (e < limit && raw[e] != '\n') {
                            e++;
                        }
                        int le = e > next && raw[e - 1] == '\r' ? e - 1 : e;
                        value.append(new String(raw, next, le - next, StandardCharsets.US_ASCII));
                        next = e + 1;
                    }
                    return normalize(value.toString());
                }
                lineStart = end + 1;
            }
            return null;
        }

        static @Nullable String normalize(String value) {
            String v = value.strip();
            int open = v.indexOf('<');
            int close = v.indexOf('>', open + 1);
            if (open >= 0 && close > open) {
                v = v.substring(open + 1, close);
            }
            v = v.strip();
            return v.isEmpty() || v.length() > 998 ? null : v;
        }

        private static boolean regionMatches(byte[] raw, int start, String lowerName) {
            for (int i = 0; i < lowerName.length(); i++) {
                int c = raw[start + i];
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                if (c != lowerName.charAt(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
