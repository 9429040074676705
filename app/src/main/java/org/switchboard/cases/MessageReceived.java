package org.switchboard.cases;

import java.util.Map;

/** A customer's message arrived on a case (type {@code message.received}). */
public record MessageReceived(CaseEventHeader header, MessageId messageId, int attachments) implements CaseEvent {

    @Override
    public String type() {
        return "message.received";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("messageId", messageId.toString(), "attachments", attachments);
    }
}
