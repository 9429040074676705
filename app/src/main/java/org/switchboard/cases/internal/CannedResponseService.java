package org.switchboard.cases.internal;

import java.util.List;
import org.springframework.stereotype.Service;
import org.switchboard.cases.*;
import org.switchboard.identity.Actor;

/** Canned responses (being implemented). */
@Service
class CannedResponseService implements CannedResponses {

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("Not implemented yet");
    }

    @Override
    public List<CannedResponse> list() {
        throw todo();
    }

    @Override
    public CannedResponse get(CannedResponseId id) {
        throw todo();
    }

    @Override
    public CannedResponse create(String name, String body, Actor actor) {
        throw todo();
    }

    @Override
    public CannedResponse update(CannedResponseId id, String name, String body, Long expectedVersion, Actor actor) {
        throw todo();
    }

    @Override
    public void delete(CannedResponseId id, Actor actor) {
        throw todo();
    }

    @Override
    public String render(CannedResponseId id, CaseId caseId, Actor actor) {
        throw todo();
    }
}
