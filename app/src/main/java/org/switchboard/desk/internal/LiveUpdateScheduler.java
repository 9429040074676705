package org.switchboard.desk.internal;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Heartbeats on the live-update streams and the expiry of viewers who left without saying so. */
@Component
class LiveUpdateScheduler {

    private final LiveUpdates liveUpdates;
    private final CaseViewers viewers;

    LiveUpdateScheduler(LiveUpdates liveUpdates, CaseViewers viewers) {
        this.liveUpdates = liveUpdates;
        this.viewers = viewers;
    }

    @Scheduled(fixedRateString = "${switchboard.desk.heartbeat:15s}")
    void heartbeat() {
        liveUpdates.heartbeat();
    }

    @Scheduled(fixedRateString = "${switchboard.desk.presence-interval:10s}")
    void expireViewers() {
        for (String caseId : viewers.expire()) {
            liveUpdates.publish(new LiveUpdates.Notice("viewers", caseId, null, null, null));
        }
    }
}
