package org.switchboard.cases.internal;

import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Service;
import org.switchboard.cases.*;
import org.switchboard.identity.Actor;
import org.switchboard.platform.Page;

/** The case core (being implemented). */
@Service
class CaseService implements Cases {

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("Not implemented yet");
    }

    @Override
    public CaseView open(OpenCase command, Actor actor) {
        throw todo();
    }

    @Override
    public CaseView get(String idOrNumber, Actor actor) {
        throw todo();
    }

    @Override
    public CaseView get(CaseId id, Actor actor) {
        throw todo();
    }

    @Override
    public Page<CaseSummary> list(CaseFilter filter, Actor actor) {
        throw todo();
    }

    @Override
    public long count(CaseFilter filter, Actor actor) {
        throw todo();
    }

    @Override
    public CaseView change(CaseId id, CaseChange change, Long expectedVersion, Actor actor) {
        throw todo();
    }

    @Override
    public MessageView reply(CaseId id, MessageDraft draft, Actor actor) {
        throw todo();
    }

    @Override
    public MessageView note(CaseId id, MessageDraft draft, Actor actor) {
        throw todo();
    }

    @Override
    public CustomerMessageOutcome receiveCustomerMessage(CaseId id, Channel channel, MessageDraft draft) {
        throw todo();
    }

    @Override
    public InteractionView startInteraction(CaseId id, Channel channel, Direction direction, Actor actor) {
        throw todo();
    }

    @Override
    public InteractionView endInteraction(InteractionId id, Actor actor) {
        throw todo();
    }

    @Override
    public List<InteractionView> interactions(CaseId id, Actor actor) {
        throw todo();
    }

    @Override
    public List<MessageView> messages(CaseId id, Actor actor) {
        throw todo();
    }

    @Override
    public List<TimelineEntry> timeline(CaseId id, Actor actor) {
        throw todo();
    }

    @Override
    public AttachmentView storeAttachment(CaseId id, String filename, InputStream content, Actor actor) {
        throw todo();
    }

    @Override
    public StoredAttachment attachment(AttachmentId id, Actor actor) {
        throw todo();
    }

    @Override
    public CaseView merge(CaseId source, CaseId target, Actor actor) {
        throw todo();
    }

    @Override
    public CaseView split(CaseId source, MessageId message, Actor actor) {
        throw todo();
    }

    @Override
    public CaseView link(CaseId id, CaseId other, LinkKind kind, Actor actor) {
        throw todo();
    }
}
