package org.switchboard.cases;

import java.util.List;
import org.switchboard.identity.Actor;

/**
 * Canned responses: named reply templates shared by all agents. Agents read and render them;
 * supervisors and admins create, change and delete them (an agent doing so gets a 403).
 */
public interface CannedResponses {

    /** All, ordered by name. */
    List<CannedResponse> list();

    /** @throws org.switchboard.platform.NotFoundException unknown id */
    CannedResponse get(CannedResponseId id);

    /** @throws org.switchboard.platform.ConflictException a response with this name exists (409) */
    CannedResponse create(String name, String body, Actor actor);

    /**
     * Changes name and/or body (null leaves a field unchanged).
     *
     * @param expectedVersion from {@code If-Match}; null for an unconditional update
     */
    CannedResponse update(CannedResponseId id, String name, String body, Long expectedVersion, Actor actor);

    void delete(CannedResponseId id, Actor actor);

    /**
     * The body with its placeholders filled for this case and the acting agent; unknown placeholders stay
     * as they are.
     */
    String render(CannedResponseId id, CaseId caseId, Actor actor);
}
