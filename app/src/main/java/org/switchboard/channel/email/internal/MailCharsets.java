package org.switchboard.channel.email.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Charsets as mail names them: every charset the JDK knows by name or alias, plus names mail clients use
 * that the JDK spells differently. An unknown or missing charset falls back to UTF-8 when the bytes are
 * valid UTF-8, else windows-1252 (what "ISO-8859-1" means in practice).
 */
final class MailCharsets {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final Map<String, String> ALIASES = Map.of(
            "utf8", "UTF-8",
            "ks_c_5601-1987", "x-windows-949",
            "ks_c_5601", "x-windows-949",
            "x-sjis", "Shift_JIS",
            "gb2312", "GBK",
            "ansi_x3.4-1968", "US-ASCII",
            "latin1", "ISO-8859-1",
            "x-unknown", "",
            "unknown-8bit", "");

    private MailCharsets() {}

    /** The charset of a declared name, or null when the JDK knows none under it. */
    static @Nullable Charset lookup(@Nullable String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (n.isEmpty()) {
            return null;
        }
        String alias = ALIASES.get(n);
        if (alias != null) {
            if (alias.isEmpty()) {
                return null;
            }
            n = alias;
        }
        try {
            Charset cs = Charset.forName(n);
            // US-ASCII declared on 8-bit content is a lie mail tells often; windows-1252 is a superset.
            return cs.equals(StandardCharsets.US_ASCII) ? WINDOWS_1252 : latinAsWindows(cs);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Charset latinAsWindows(Charset cs) {
        return cs.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : cs;
    }

    /** Decodes text in its declared charset, recording a defect when the name is unknown. */
    static String decode(byte[] bytes, @Nullable String declared, List<String> defects, String where) {
        Charset cs = lookup(declared);
        if (cs == null) {
            if (declared != null && !declared.isBlank() && !isUnknownMarker(declared)) {
                defects.add("unknown charset '" + declared.trim() + "' in " + where);
            }
            return decodeGuess(bytes);
        }
        if (cs.equals(WINDOWS_1252) || cs.equals(StandardCharsets.US_ASCII)) {
            // Declared Latin/ASCII but actually UTF-8 is common; prefer UTF-8 when the bytes are valid.
            String utf8 = strictUtf8(bytes);
            if (utf8 != null && hasHighBytes(bytes)) {
                return utf8;
            }
        }
        return new String(bytes, cs);
    }

    private static boolean isUnknownMarker(String declared) {
        String n = declared.trim().toLowerCase(Locale.ROOT);
        return n.equals("x-unknown") || n.equals("unknown-8bit");
    }

    static String decodeGuess(byte[] bytes) {
        String utf8 = strictUtf8(bytes);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    private static boolean hasHighBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    static @Nullable String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
