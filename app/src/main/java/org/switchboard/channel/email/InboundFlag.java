package org.switchboard.channel.email;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** A mark {@link EmailClassifier} puts on an inbound message; shown to agents and used by filters. */
public enum InboundFlag {
    /** Auto-Submitted other than {@code no}, or X-Autoreply / X-Autorespond. */
    AUTO_SUBMITTED,
    /** Precedence bulk, junk or list. */
    BULK,
    /** List-Id, List-Unsubscribe or another List-* header. */
    MAILING_LIST,
    /** A delivery status notification, read receipt or abuse report. */
    REPORT,
    /** From is one of Switchboard's own mailboxes: a loop. */
    LOOP,
    /** From claims an agent's address. */
    CLAIMS_AGENT_ADDRESS,
    /** An agent forwarded a customer's mail into a mailbox. */
    FORWARDED_BY_AGENT,
    /** Authentication-Results say DMARC (or SPF and DKIM) failed. */
    AUTHENTICATION_FAILED,
    /** X-Spam-Flag: YES or X-Spam-Status: Yes. */
    SPAM,
    /** The sender or its domain is on the administrator's blocklist. */
    BLOCKED,
    /** The parser repaired defects. */
    MALFORMED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
