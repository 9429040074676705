package org.switchboard.desk.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.switchboard.cases.CaseEvent;

/**
 * Tells the open desk pages that a case changed, once the change has committed (a page that re-fetches
 * then sees it). A notice is best effort: a page that misses one still shows the truth on its next
 * refresh, so this listener is not a persisted one.
 */
@Component
class CaseChangeNotifier {

    private final LiveUpdates liveUpdates;

    CaseChangeNotifier(LiveUpdates liveUpdates) {
        this.liveUpdates = liveUpdates;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(CaseEvent event) {
        liveUpdates.publish(new LiveUpdates.Notice(
                "case",
                event.caseId().toString(),
                event.type(),
                event.queue() == null ? null : event.queue().toString(),
                event.agent() == null ? null : event.agent().toString()));
    }
}
