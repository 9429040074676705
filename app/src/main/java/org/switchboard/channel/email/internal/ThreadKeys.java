package org.switchboard.channel.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Keys of the thread store: Message-IDs bounded in length, subjects normalized for the heuristic. */
final class ThreadKeys {

    static final int MAX_ID = 500;

    /** Reply and forward prefixes of many languages, list tags and case tokens. */
    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*((re|fw|fwd|aw|wg|sv|vs|antw|odp|tr|rif|res|enc|r|回复|答复|转发|回覆|ответ|отв|пересл)"
                    + "(\\s*\\[\\d+])?\\s*[:：]|\\[[^\\]]{1,40}])\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Pattern CASE_TOKEN = Pattern.compile("\\[[A-Za-z]{1,10}-\\d{1,12}]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private ThreadKeys() {}

    /** A Message-ID as stored: without brackets; a hostile id beyond 500 characters as its hash. */
    static String id(String messageId) {
        String id = HeaderValues.normalizeId(messageId);
        if (id.length() <= MAX_ID) {
            return id;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "Re: AW: [list] Parcel lost [SB-10042]" → "parcel lost"; null when nothing is left. */
    static String subject(String subject) {
        String s = subject;
        for (int i = 0; i < 20; i++) {
            var m = PREFIX.matcher(s);
            if (!m.find() || m.end() == 0) {
                break;
            }
            s = s.substring(m.end());
        }
        s = CASE_TOKEN.matcher(s).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
