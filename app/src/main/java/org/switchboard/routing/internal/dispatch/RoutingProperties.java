package org.switchboard.routing.internal.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of live routing ({@code switchboard.routing.*}).
 *
 * @param heartbeatTimeout a desktop that sent no heartbeat for this long is gone: its agent turns away
 * @param sweepInterval how often offer expiry, wrap-up limits and heartbeats are checked
 * @param defaultHandleTime the handle time assumed for estimated waits before a queue has completed work today
 * @param serviceLevelSeconds the answer threshold of the supervisor view's service level
 */
@ConfigurationProperties("switchboard.routing")
public record RoutingProperties(
        @DefaultValue("30s") Duration heartbeatTimeout,
        @DefaultValue("1s") Duration sweepInterval,
        @DefaultValue("300s") Duration defaultHandleTime,
        @DefaultValue("20") int serviceLevelSeconds) {}
