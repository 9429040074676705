package org.switchboard.cases;

import java.util.Map;

/** An agent's public reply was added, to be delivered on the interaction's channel (type {@code message.sent}). */
public record MessageSent(CaseEventHeader header, MessageId messageId, int attachments, boolean firstResponse)
        implements CaseEvent {

    @Override
    public String type() {
        return "message.sent";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("messageId", messageId.toString(), "attachments", attachments, "firstResponse", firstResponse);
    }
}
