package org.switchboard.channel.email.outbound;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message that keeps the Message-ID we gave it: Jakarta Mail's {@code saveChanges()} would
 * otherwise replace it with a new one, and replies to it would no longer thread.
 */
final class OutboundMessage extends MimeMessage {

    private final String messageId;

    OutboundMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", "<" + messageId + ">");
    }
}
