package org.switchboard.routing.internal.dispatch;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.platform.NotFoundException;
import org.switchboard.routing.CallbackRequested;
import org.switchboard.routing.internal.Queue;

/**
 * Turns callback requests of other modules into callback work items. The listener runs after the
 * requester's transaction committed, from Spring Modulith's publication registry; the request's id is the
 * item's source event, so a redelivered request enqueues nothing more.
 */
@Service
class CallbackIntake {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CallbackIntake.class);

    private final Dispatcher dispatcher;
    private final WorkIntake intake;
    private final Cases cases;

    CallbackIntake(Dispatcher dispatcher, WorkIntake intake, Cases cases) {
        this.dispatcher = dispatcher;
        this.intake = intake;
        this.cases = cases;
    }

    @ApplicationModuleListener
    void on(CallbackRequested request) {
        Queue queue = dispatcher.queue(request.queue());
        if (queue == null) {
            log.warn("Callback for case {} not enqueued: queue {} is gone", request.caseId(), request.queue());
            return;
        }
        CaseView view;
        try {
            view = cases.get(request.caseId(), null);
        } catch (NotFoundException gone) {
            log.warn("Callback not enqueued: case {} is gone", request.caseId());
            return;
        }
        try {
            dispatcher.requestCallback(
                    request,
                    queue,
                    WorkIntake.skills(queue),
                    intake.effectivePriority(
                            queue, view.priority(), view.customer().id()),
                    view.customer().id().value());
        } catch (Dispatcher.QueueFullException full) {
            // as for a case: the request stays visible on the case (its tag and note), not in the line
            log.warn("Callback for case {} not enqueued: {}", request.caseId(), full.getMessage());
        }
    }
}
