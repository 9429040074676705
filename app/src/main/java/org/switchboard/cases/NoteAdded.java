package org.switchboard.cases;

import java.util.Map;

/** An internal note was added (type {@code note.added}). */
public record NoteAdded(CaseEventHeader header, MessageId messageId) implements CaseEvent {

    @Override
    public String type() {
        return "note.added";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("messageId", messageId.toString());
    }
}
