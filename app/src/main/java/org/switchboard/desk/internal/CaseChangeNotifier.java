package org.switchboard.desk.internal;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.switchboard.cases.CaseEvent;

/**
 * Tells the open desk pages that a case changed, once the change has committed (a page that re-fetches
 * then sees it; a rolled-back change tells nobody).
 *
 * <p>A notice is best effort: a page that misses one still shows the truth on its next refresh. So this
 * is a plain listener that defers to after the commit itself rather than a transactional listener, which
 * Spring Modulith would record in the event publication table for every case event.
 */
@Component
class CaseChangeNotifier {

    private final LiveUpdates liveUpdates;

    CaseChangeNotifier(LiveUpdates liveUpdates) {
        this.liveUpdates = liveUpdates;
    }

    @EventListener
    void on(CaseEvent event) {
        LiveUpdates.Notice notice = new LiveUpdates.Notice(
                "case",
                event.caseId().toString(),
                event.type(),
                event.queue() == null ? null : event.queue().toString(),
                event.agent() == null ? null : event.agent().toString());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    liveUpdates.publish(notice);
                }
            });
        } else {
            liveUpdates.publish(notice);
        }
    }
}
