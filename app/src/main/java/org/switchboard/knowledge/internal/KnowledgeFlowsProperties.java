package org.switchboard.knowledge.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of guided flows, feedback and suggestions ({@code switchboard.knowledge.assist.*}).
 *
 * @param idleAfter an unfinished run idle this long counts as dropped off at its current step
 * @param publicPerMinute requests per minute one client may make to the public feedback, search-feedback
 *     and self-service flow endpoints (a 429 beyond)
 * @param suggestions how many articles the case page suggests
 * @param gapWindow how far back the knowledge-gaps report looks by default
 */
@ConfigurationProperties("switchboard.knowledge.assist")
public record KnowledgeFlowsProperties(
        @DefaultValue("30m") Duration idleAfter,
        @DefaultValue("30") int publicPerMinute,
        @DefaultValue("3") int suggestions,
        @DefaultValue("30d") Duration gapWindow) {}
