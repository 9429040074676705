package org.switchboard.desk.internal;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the live-update streams when the application stops, before the web server's graceful shutdown
 * waits for running requests (a stream never ends on its own). Stopped first: the highest phase.
 */
@Component
class LiveUpdatesShutdown implements SmartLifecycle {

    private final LiveUpdates liveUpdates;
    private volatile boolean running;

    LiveUpdatesShutdown(LiveUpdates liveUpdates) {
        this.liveUpdates = liveUpdates;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        liveUpdates.closeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
