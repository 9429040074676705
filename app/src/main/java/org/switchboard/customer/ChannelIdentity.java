package org.switchboard.customer;

import java.util.Locale;

/**
 * How a customer is recognised on a channel. Values are normalized: email addresses lower-cased,
 * phone numbers in E.164. Each identity belongs to at most one customer.
 */
public record ChannelIdentity(Kind kind, String value) {

    public enum Kind {
        EMAIL,
        PHONE,
        CHAT_VISITOR,
        PORTAL_ACCOUNT
    }

    public static ChannelIdentity email(String address) {
        return new ChannelIdentity(Kind.EMAIL, address.trim().toLowerCase(Locale.ROOT));
    }
}
