package org.switchboard.channel.email.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.jspecify.annotations.Nullable;

/**
 * Decoding of header values: RFC 2047 encoded-words, raw UTF-8 (RFC 6532), parameters with RFC 2231
 * continuations and charsets, and lists of message ids. Lenient by design: real mail breaks every rule.
 */
final class HeaderValues {

    private static final Pattern FOLD = Pattern.compile("\r?\n[ \t]");
    private static final Pattern QUOTED_PAIR = Pattern.compile("\\\\(.)");
    private static final Pattern MSG_ID = Pattern.compile("<([^<>\\s]+)>");

    private HeaderValues() {}

    /** A header value as mime4j read it (bytes as ISO-8859-1), with raw UTF-8 repaired and words decoded. */
    static String decode(String raw) {
        String value = repairUtf8(unfold(raw));
        if (value.contains("=?")) {
            try {
                value = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
            } catch (RuntimeException e) {
                // keep the undecoded text: better than nothing
            }
        }
        return value.trim();
    }

    static String unfold(String value) {
        if (value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return FOLD.matcher(value).replaceAll(" ").replace("\r", "").replace("\n", "");
    }

    /** mime4j reads header bytes as ISO-8859-1; UTF-8 headers (RFC 6532) are turned back into text here. */
    static String repairUtf8(String latin1) {
        boolean high = false;
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            if (c > 0xFF) {
                return latin1;
            }
            if (c >= 0x80) {
                high = true;
            }
        }
        if (!high) {
            return latin1;
        }
        byte[] bytes = latin1.getBytes(StandardCharsets.ISO_8859_1);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return latin1;
        }
    }

    /** Message ids in angle brackets, in order, without duplicates; a bare id when none is bracketed. */
    static List<String> messageIds(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Matcher m = MSG_ID.matcher(value);
        while (m.find()) {
            ids.add(m.group(1));
        }
        if (ids.isEmpty()) {
            String bare = value.trim();
            if (!bare.isEmpty() && bare.indexOf(' ') < 0 && bare.indexOf('@') > 0) {
                ids.add(bare);
            }
        }
        return List.copyOf(ids);
    }

    static @Nullable String messageId(@Nullable String value) {
        List<String> ids = messageIds(value);
        return ids.isEmpty() ? null : ids.getFirst();
    }

    /** Strips angle brackets and blanks from a Message-ID given by a caller. */
    static String normalizeId(String id) {
        String s = id.trim();
        if (s.startsWith("<") && s.endsWith(">") && s.length() > 2) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s;
    }

    /** A structured value ({@code text/plain; charset="utf-8"}): the lower-case main value and parameters. */
    record Structured(String value, Map<String, String> params) {
        @Nullable
        String param(String name) {
            return params.get(name);
        }
    }

    /**
     * Parses a Content-Type or Content-Disposition value. Parameter names are lower-cased; RFC 2231
     * continuations ({@code name*0*}, {@code name*1}) are joined and their charset applied; RFC 2047
     * words inside quoted values (non-standard, but common in file names) are decoded.
     */
    static Structured structured(String raw) {
        String value = unfold(raw);
        List<String> pieces = splitParams(value);
        String main = pieces.isEmpty() ? "" : pieces.getFirst().trim().toLowerCase(Locale.ROOT);
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        for (int i = 1; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = piece.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String val = unquote(piece.substring(eq + 1).trim());
            int star = name.indexOf('*');
            if (star < 0) {
                plain.putIfAbsent(name, val);
                continue;
            }
            String base = name.substring(0, star);
            String rest = name.substring(star + 1);
            boolean encoded = rest.endsWith("*") || rest.isEmpty();
            String number = rest.endsWith("*") ? rest.substring(0, rest.length() - 1) : rest;
            int index = 0;
            if (!number.isEmpty()) {
                try {
                    index = Integer.parseInt(number);
                } catch (NumberFormatException e) {
                    continue;
                }
            }
            continued.computeIfAbsent(base, k -> new TreeMap<>()).put(index, new String[] {val, encoded ? "*" : ""});
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (var e : continued.entrySet()) {
            params.put(e.getKey(), joinRfc2231(e.getValue()));
        }
        for (var e : plain.entrySet()) {
            params.putIfAbsent(e.getKey(), repairUtf8(e.getValue()));
        }
        params.replaceAll((k, v) -> v.contains("=?") ? decode(v) : v);
        return new Structured(main, params);
    }

    private static String joinRfc2231(TreeMap<Integer, String[]> pieces) {
        Charset charset = null;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean first = true;
        for (String[] piece : pieces.values()) {
            String val = piece[0];
            boolean encoded = !piece[1].isEmpty();
            if (first && encoded) {
                int q1 = val.indexOf('\'');
                int q2 = q1 < 0 ? -1 : val.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charset = MailCharsets.lookup(val.substring(0, q1));
                    val = val.substring(q2 + 1);
                }
            }
            first = false;
            if (encoded) {
                percentDecode(val, bytes);
            } else {
                bytes.writeBytes(val.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        byte[] b = bytes.toByteArray();
        if (charset != null) {
            return new String(b, charset);
        }
        return MailCharsets.decodeGuess(b);
    }

    private static void percentDecode(String s, ByteArrayOutputStream out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            if (c <= 0xFF) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return QUOTED_PAIR.matcher(v.substring(1, v.length() - 1)).replaceAll("$1");
        }
        if (v.startsWith("\"")) {
            return v.substring(1);
        }
        return v;
    }

    private static List<String> splitParams(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted && i + 1 < value.length()) {
                current.append(c).append(value.charAt(++i));
                continue;
            }
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                out.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}
