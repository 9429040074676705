package org.switchboard.channel.email.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.switchboard.channel.email.ParseLimits;

/**
 * Settings of inbound email processing ({@code switchboard.email.inbound.*}): parsing limits, threading
 * and auto-acknowledgements.
 *
 * @param limits bounds on hostile messages (see {@link ParseLimits})
 * @param threading threading rules
 * @param autoAck the per-sender rate limit of automatic acknowledgements
 */
@ConfigurationProperties("switchboard.email.inbound")
public record InboundEmailProperties(
        @DefaultValue Limits limits,
        @DefaultValue Threading threading,
        @DefaultValue AutoAck autoAck) {

    /**
     * @param maxMessageBytes largest raw message (larger is quarantined)
     * @param maxHeaderBytes largest header block (larger is quarantined)
     * @param maxHeaderFields most header fields per part
     * @param maxParts most MIME parts kept (later ones are skipped with a defect)
     * @param maxDepth deepest nesting kept (deeper content is skipped with a defect)
     * @param maxHtmlBytes largest HTML body sanitized (longer is cut with a defect)
     * @param maxAttachments most attachments of one message taken onto its case (the rest stay in the kept
     *     raw message, with a defect)
     */
    public record Limits(
            @DefaultValue("52428800") long maxMessageBytes,
            @DefaultValue("1048576") int maxHeaderBytes,
            @DefaultValue("1000") int maxHeaderFields,
            @DefaultValue("2000") int maxParts,
            @DefaultValue("20") int maxDepth,
            @DefaultValue("2097152") int maxHtmlBytes,
            @DefaultValue("100") int maxAttachments) {

        public ParseLimits toParseLimits() {
            return new ParseLimits(
                    maxMessageBytes, maxHeaderBytes, maxHeaderFields, maxParts, maxDepth, maxHtmlBytes, maxAttachments);
        }
    }

    /**
     * @param subjectHeuristic thread by normalized subject + a shared participant when nothing else matched
     * @param heuristicWindow how far back the subject heuristic looks
     * @param replyTokenSecret the key of reply-address signatures; set your own in production
     */
    public record Threading(
            @DefaultValue("false") boolean subjectHeuristic,
            @DefaultValue("14d") Duration heuristicWindow,
            @DefaultValue("switchboard-reply-token") String replyTokenSecret) {}

    /**
     * @param maxPerSender most acknowledgements one sender gets within {@code window}
     * @param window the rate-limit window
     */
    public record AutoAck(
            @DefaultValue("3") int maxPerSender,
            @DefaultValue("1h") Duration window) {}
}
