package org.switchboard.channel.email.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Splits a batch of stored messages into lanes that may be processed at the same time. Two messages share
 * a lane when they could touch the same thread or customer: the same Message-ID, one naming the other
 * (In-Reply-To, References) or both naming a third, the same sender (From, Reply-To, Sender) or the same
 * subject. Within a lane messages keep their arrival (UID) order, so a reply fetched with its parent is
 * processed after it and threads exactly as it would one at a time; lanes share nothing a concurrent
 * transaction could not see, because everything else they could thread into is already committed.
 *
 * <p>Keys come from the raw header, read without parsing. Reading too much only joins lanes (less
 * concurrency, never a wrong result); the row lock and the unique index on the ingested Message-ID stay
 * the guarantee against duplicates whatever the lanes are.
 */
final class InboundLanes {

    private InboundLanes() {}

    /** A stored row and the raw message it was stored from. */
    record Row(UUID id, byte[] raw) {}

    /** The rows in lanes: connected by shared keys, each lane in the given order, lanes by first row. */
    static List<List<UUID>> of(List<Row> rows) {
        int n = rows.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        Map<String, Integer> firstWithKey = new HashMap<>();
        for (int i = 0; i < n; i++) {
            for (String key : keys(rows.get(i).raw())) {
                Integer other = firstWithKey.putIfAbsent(key, i);
                if (other != null) {
                    union(parent, other, i);
                }
            }
        }
        Map<Integer, List<UUID>> lanes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            lanes.computeIfAbsent(find(parent, i), k -> new ArrayList<>())
                    .add(rows.get(i).id());
        }
        return List.copyOf(lanes.values());
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        // the lower index stays the root, so a lane's key is its first row
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    private static final int HEADER_SCAN = 256 * 1024;

    /**
     * The lane keys of a raw message: every {@code <id>} in Message-ID, In-Reply-To and References, the
     * addresses of From, Reply-To and Sender, and the subject without reply prefixes, all lower-case.
     */
    static Set<String> keys(byte[] raw) {
        Set<String> keys = new LinkedHashSet<>();
        int limit = Math.min(raw.length, HEADER_SCAN);
        int start = 0;
        String name = null;
        StringBuilder value = new StringBuilder();
        while (start < limit) {
            int end = start;
            while (end < limit && raw[end] != '\n') {
                end++;
            }
            int lineEnd = end > start && raw[end - 1] == '\r' ? end - 1 : end;
            boolean continuation = lineEnd > start && (raw[start] == ' ' || raw[start] == '\t');
            if (!continuation) {
                if (name != null) {
                    add(keys, name, value.toString());
                }
                name = null;
                value.setLength(0);
                if (lineEnd == start) {
                    break; // end of header
                }
                int colon = start;
                while (colon < lineEnd && raw[colon] != ':') {
                    colon++;
                }
                if (colon < lineEnd) {
                    name = new String(raw, start, colon - start, StandardCharsets.ISO_8859_1)
                            .strip()
                            .toLowerCase(Locale.ROOT);
                    value.append(new String(raw, colon + 1, lineEnd - colon - 1, StandardCharsets.ISO_8859_1));
                }
            } else if (name != null && value.length() < 64 * 1024) {
                value.append(' ').append(new String(raw, start, lineEnd - start, StandardCharsets.ISO_8859_1));
            }
            start = end + 1;
        }
        if (name != null) {
            add(keys, name, value.toString());
        }
        return keys;
    }

    private static void add(Set<String> keys, String name, String value) {
        switch (name) {
            case "message-id", "in-reply-to", "references" -> {
                int open = value.indexOf('<');
                while (open >= 0) {
                    int close = value.indexOf('>', open + 1);
                    if (close < 0) {
                        break;
                    }
                    keys.add("id:" + value.substring(open + 1, close).strip().toLowerCase(Locale.ROOT));
                    open = value.indexOf('<', close + 1);
                }
                String bare = value.strip();
                if (!bare.isEmpty() && bare.indexOf('<') < 0) {
                    keys.add("id:" + bare.toLowerCase(Locale.ROOT));
                }
            }
            case "from", "reply-to", "sender" -> {
                for (String part : value.split("[\\s,;<>\"()]+")) {
                    if (part.indexOf('@') > 0) {
                        keys.add("address:" + part.toLowerCase(Locale.ROOT));
                    }
                }
            }
            case "subject" -> {
                String subject = value.strip().toLowerCase(Locale.ROOT);
                String stripped;
                while (!(stripped = subject.replaceFirst("^(re|fw|fwd|aw|wg|sv|vs|antw|tr|r)\\s*:\\s*", ""))
                        .equals(subject)) {
                    subject = stripped;
                }
                if (!subject.isEmpty()) {
                    keys.add("subject:" + subject);
                }
            }
            default -> {}
        }
    }
}
