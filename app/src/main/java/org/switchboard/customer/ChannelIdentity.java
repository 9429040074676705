package org.switchboard.customer;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a customer is recognised on a channel. Values are normalized on construction: email addresses
 * trimmed and lower-cased, phone numbers to E.164 ({@code +} and 8 to 15 digits, spaces, dashes, dots
 * and parentheses removed), chat visitor ids and portal accounts trimmed. A value that cannot be
 * normalized is an {@link IllegalArgumentException} whose message says why. Each identity belongs to
 * at most one customer.
 */
public record ChannelIdentity(Kind kind, String value) {

    private static final int MAX_LENGTH = 254;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

    /** The channels a customer can be recognised on; on the wire as {@code email}, {@code phone}, ... */
    public enum Kind {
        EMAIL,
        PHONE,
        CHAT_VISITOR,
        PORTAL_ACCOUNT;

        /** The lower-case wire name, e.g. {@code chat_visitor}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind for a wire name; an unknown name is an {@link IllegalArgumentException}. */
        public static Kind fromWire(String name) {
            for (Kind kind : values()) {
                if (kind.wireName().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("must be one of email, phone, chat_visitor, portal_account");
        }
    }

    public ChannelIdentity {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        value = normalize(kind, value);
    }

    public static ChannelIdentity email(String address) {
        return new ChannelIdentity(Kind.EMAIL, address);
    }

    public static ChannelIdentity phone(String number) {
        return new ChannelIdentity(Kind.PHONE, number);
    }

    public static ChannelIdentity chatVisitor(String visitorId) {
        return new ChannelIdentity(Kind.CHAT_VISITOR, visitorId);
    }

    public static ChannelIdentity portalAccount(String account) {
        return new ChannelIdentity(Kind.PORTAL_ACCOUNT, account);
    }

    /** The domain of an email identity (after the {@code @}), otherwise {@code null}. */
    public String emailDomain() {
        return kind == Kind.EMAIL ? value.substring(value.lastIndexOf('@') + 1) : null;
    }

    /** The normalized form of a raw value of this kind; throws when it is not a valid one. */
    static String normalize(Kind kind, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        String value = raw.trim();
        if (value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("must be at most " + MAX_LENGTH + " characters");
        }
        return switch (kind) {
            case EMAIL -> {
                String email = value.toLowerCase(Locale.ROOT);
                if (!EMAIL.matcher(email).matches()) {
                    throw new IllegalArgumentException("is not a valid email address");
                }
                yield email;
            }
            case PHONE -> {
                String phone = PHONE_SEPARATORS.matcher(value).replaceAll("");
                if (!E164.matcher(phone).matches()) {
                    throw new IllegalArgumentException(
                            "is not a phone number in international format (+ and 8 to 15 digits)");
                }
                yield phone;
            }
            case CHAT_VISITOR, PORTAL_ACCOUNT -> {
                if (value.chars().anyMatch(Character::isISOControl)) {
                    throw new IllegalArgumentException("must not contain control characters");
                }
                yield value;
            }
        };
    }
}
