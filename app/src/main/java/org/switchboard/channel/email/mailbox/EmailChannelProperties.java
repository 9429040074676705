package org.switchboard.channel.email.mailbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of mailboxes, fetching and sending ({@code switchboard.email.*}); see {@code docs/email.md}.
 *
 * @param secretKey the AES key that encrypts mailbox credentials at rest, base64 of 16, 24 or 32 bytes
 *     ({@code SWITCHBOARD_EMAIL_SECRET_KEY}); when empty a key is generated once and kept in
 *     {@code <data-dir>/email-secret.key}
 * @param fetch how mailboxes are watched
 * @param outbound how replies are sent
 */
@ConfigurationProperties("switchboard.email")
public record EmailChannelProperties(
        String secretKey,
        @DefaultValue Fetch fetch,
        @DefaultValue Outbound outbound) {

    /**
     * @param enabled run a watcher per active mailbox (tests and tools that drive ingestion themselves turn
     *     it off)
     * @param pollInterval how often a server without IDLE is polled
     * @param idleRenewal how long one IDLE may last before it is renewed with a synchronization (servers
     *     drop idle connections after 30 minutes; it also bounds the delay of a notification a server missed)
     * @param batchSize at most this many messages are fetched per round trip (one {@code UID FETCH})
     * @param batchBytes and at most about this many bytes (by the sizes the server reports; a single larger
     *     message is fetched alone), which bounds the memory one batch takes
     * @param processingThreads how many fetched messages (of all mailboxes together) are processed at the same
     *     time, each in its own transaction; keep it well below the database pool's 20 connections
     * @param alertAfterFailures consecutive connection failures that raise the mailbox's alert
     * @param maxBackoff the longest wait between reconnection attempts
     * @param timeout connect and read timeout of IMAP and SMTP
     */
    public record Fetch(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration pollInterval,
            @DefaultValue("2m") Duration idleRenewal,
            @DefaultValue("100") int batchSize,
            @DefaultValue("8MB") DataSize batchBytes,
            @DefaultValue("6") int processingThreads,
            @DefaultValue("3") int alertAfterFailures,
            @DefaultValue("5m") Duration maxBackoff,
            @DefaultValue("30s") Duration timeout) {}

    /**
     * @param maxAttempts attempts before a reply is marked failed
     * @param initialBackoff the wait after the first failure; doubled after each further one
     * @param maxBackoff the longest wait between attempts
     * @param sweepInterval how often due replies are looked for
     */
    public record Outbound(
            @DefaultValue("6") int maxAttempts,
            @DefaultValue("30s") Duration initialBackoff,
            @DefaultValue("30m") Duration maxBackoff,
            @DefaultValue("5s") Duration sweepInterval) {}
}
