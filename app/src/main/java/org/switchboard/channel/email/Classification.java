package org.switchboard.channel.email;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;

/**
 * What {@link EmailClassifier} decided about an inbound message.
 *
 * @param disposition what ingestion should do with it
 * @param flags every mark that applies
 * @param customer who the case is for: Reply-To or From, or the original sender of a mail an agent
 *     forwarded; null when the message names nobody
 * @param report the delivery report it is, if any
 * @param reportedCase the case of the message the report is about, when Switchboard knows that message
 * @param bouncedReplies our own messages the report says failed
 * @param authentication the receiving server's SPF / DKIM / DMARC verdicts
 * @param spamReason the spam header that flagged it, or null
 * @param claimedAgentAddress the agent address From claims, when it does (the message must not post as
 *     that agent)
 * @param forwardingAgent the agent address that forwarded the mail in, when {@link
 *     InboundFlag#FORWARDED_BY_AGENT}
 * @param blockedBy the blocklist entry that matched, or null
 * @param reasons one short English phrase per flag, for logs and the timeline
 */
public record Classification(
        InboundDisposition disposition,
        Set<InboundFlag> flags,
        @Nullable EmailAddress customer,
        @Nullable DeliveryReport report,
        @Nullable CaseId reportedCase,
        List<BouncedReply> bouncedReplies,
        AuthenticationResults authentication,
        @Nullable String spamReason,
        @Nullable String claimedAgentAddress,
        @Nullable String forwardingAgent,
        @Nullable String blockedBy,
        List<String> reasons) {

    public Classification {
        flags = Set.copyOf(flags);
        bouncedReplies = List.copyOf(bouncedReplies);
        reasons = List.copyOf(reasons);
    }

    public boolean has(InboundFlag flag) {
        return flags.contains(flag);
    }

    /** Machine-sent mail (auto-replies, bulk, lists, reports, loops) never gets an auto-acknowledgement. */
    public boolean machineGenerated() {
        return has(InboundFlag.AUTO_SUBMITTED)
                || has(InboundFlag.BULK)
                || has(InboundFlag.MAILING_LIST)
                || has(InboundFlag.REPORT)
                || has(InboundFlag.LOOP);
    }
}
