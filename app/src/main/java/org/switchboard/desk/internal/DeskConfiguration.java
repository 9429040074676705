package org.switchboard.desk.internal;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory parts of the desk: the live-update hub and the registry of who views which case. */
@Configuration(proxyBeanMethods = false)
class DeskConfiguration {

    /** Writes to browsers on virtual threads: a blocked write parks a virtual thread, nothing more. */
    @Bean(destroyMethod = "close")
    ExecutorService deskLiveUpdateExecutor() {
        return Executors.newVirtualThreadPerTaskExecutor();
    }

    @Bean
    LiveUpdates liveUpdates(ExecutorService deskLiveUpdateExecutor) {
        return new LiveUpdates(deskLiveUpdateExecutor);
    }

    @Bean
    CaseViewers caseViewers(Clock clock, DeskProperties properties) {
        return new CaseViewers(clock, properties.presenceTimeout());
    }
}
