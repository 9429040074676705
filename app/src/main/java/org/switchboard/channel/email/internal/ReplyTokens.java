package org.switchboard.channel.email.internal;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Case reply addresses: {@code support+c-sb-10042-x7k2m9qd@example.com}. The local part of the mailbox,
 * {@code +c-}, the case number lower-cased, {@code -}, and 8 characters of base32 (RFC 4648 alphabet,
 * lower-case) of HMAC-SHA256(secret, upper-case number). The signature keeps strangers from posting into a
 * case by guessing its number; plus-addressing ({@code support+billing@}) stays free for queues because
 * queue tags never start with {@code c-} followed by a number and a signature.
 */
final class ReplyTokens {

    private static final Pattern TOKEN = Pattern.compile("\\+c-([a-z]{1,10}-\\d{1,12})-([a-z2-7]{8})@");
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private final byte[] secret;

    ReplyTokens(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String address(String mailboxAddress, String caseNumber) {
        String mailbox = mailboxAddress.trim();
        int at = mailbox.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not an address: " + mailboxAddress);
        }
        String local = mailbox.substring(0, at);
        int plus = local.indexOf('+');
        if (plus >= 0) {
            local = local.substring(0, plus);
        }
        String number = caseNumber.trim().toLowerCase(Locale.ROOT);
        return local + "+c-" + number + "-" + signature(number) + mailbox.substring(at);
    }

    Optional<String> caseNumber(String address) {
        var m = TOKEN.matcher(address.toLowerCase(Locale.ROOT));
        if (!m.find()) {
            return Optional.empty();
        }
        String number = m.group(1);
        byte[] expected = signature(number).getBytes(StandardCharsets.US_ASCII);
        byte[] given = m.group(2).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.empty();
        }
        return Optional.of(number.toUpperCase(Locale.ROOT));
    }

    private String signature(String lowerNumber) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] h = mac.doFinal(lowerNumber.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(8);
            // 8 base32 characters = 40 bits of the MAC
            long bits = 0;
            for (int i = 0; i < 5; i++) {
                bits = (bits << 8) | (h[i] & 0xFF);
            }
            for (int i = 7; i >= 0; i--) {
                sb.append(BASE32.charAt((int) ((bits >> (i * 5)) & 31)));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
