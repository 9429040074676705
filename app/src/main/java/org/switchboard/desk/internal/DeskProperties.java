package org.switchboard.desk.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the agent desktop ({@code switchboard.desk.*}).
 *
 * @param heartbeat how often a comment is sent on every live-update stream, so proxies keep it open and
 *     dead connections are found
 * @param presenceInterval how often an open case page reports that its agent is still there
 * @param presenceTimeout after how long without a report an agent no longer counts as viewing a case
 * @param streamTimeout how long one live-update stream stays open before the browser reconnects
 */
@ConfigurationProperties("switchboard.desk")
public record DeskProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10s") Duration presenceInterval,
        @DefaultValue("30s") Duration presenceTimeout,
        @DefaultValue("30m") Duration streamTimeout) {}
