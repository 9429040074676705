package org.switchboard.channel.email.web;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.switchboard.cases.Cases;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueRef;
import org.switchboard.channel.email.outbound.OutboundMail;
import org.switchboard.channel.email.outbound.QueueEmailSettings;
import org.switchboard.identity.Actors;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.JsonBody;
import org.switchboard.platform.NotFoundException;
import tools.jackson.databind.JsonNode;

/**
 * Outbound email: the delivery of a case's replies, the four-eyes approvals ({@code
 * /api/v1/channels/email/approvals}) and the per-queue From address, signature and approval rule.
 */
@RestController
class OutboundApiController {

    private final OutboundMail outbound;
    private final QueueEmailSettings settings;
    private final QueueDirectory queues;
    private final Cases cases;

    OutboundApiController(OutboundMail outbound, QueueEmailSettings settings, QueueDirectory queues, Cases cases) {
        this.outbound = outbound;
        this.settings = settings;
        this.queues = queues;
        this.cases = cases;
    }

    /** The email deliveries of a case (one per reply), oldest first. */
    @GetMapping("/api/v1/channels/email/cases/{caseId}/outbound")
    Map<String, List<OutboundMail.Outbound>> ofCase(@PathVariable String caseId) {
        var view = cases.get(caseId, Actors.current());
        return Map.of("items", outbound.ofCase(view.id()));
    }

    /** Replies waiting for a supervisor, oldest first. */
    @GetMapping("/api/v1/channels/email/approvals")
    @PreAuthorize("hasAnyRole('SUPERVISOR','ADMIN')")
    Map<String, List<OutboundMail.Outbound>> approvals(@RequestParam(required = false) @Nullable Integer limit) {
        return Map.of("items", outbound.awaitingApproval(limit == null ? 100 : limit));
    }

    @PostMapping("/api/v1/channels/email/approvals/{messageId}/approve")
    OutboundMail.Outbound approve(@PathVariable String messageId) {
        return outbound.approve(messageId(messageId), Actors.current());
    }

    @PostMapping("/api/v1/channels/email/approvals/{messageId}/reject")
    OutboundMail.Outbound reject(
            @PathVariable String messageId, @RequestBody(required = false) @Nullable JsonNode json) {
        String reason = json == null ? null : JsonBody.of(json).string("reason");
        return outbound.reject(messageId(messageId), reason, Actors.current());
    }

    @GetMapping("/api/v1/channels/email/queues/{queue}")
    QueueEmailSettings.Settings queueSettings(@PathVariable String queue) {
        QueueRef ref = queues.find(queue).orElseThrow(() -> new NotFoundException("queue", queue));
        return settings.of(ref.id());
    }

    /**
     * {@code {"fromAddress", "fromName", "signature", "requiresApproval", "approvalKeywords": [...],
     * "autoAcknowledge"}}: replaces the queue's settings (an absent field is cleared). Audited.
     */
    @PutMapping("/api/v1/channels/email/queues/{queue}")
    @PreAuthorize("hasRole('ADMIN')")
    QueueEmailSettings.Settings saveQueueSettings(@PathVariable String queue, @RequestBody JsonNode json) {
        QueueRef ref = queues.find(queue).orElseThrow(() -> new NotFoundException("queue", queue));
        JsonBody body = JsonBody.of(json);
        Boolean approval = body.bool("requiresApproval");
        List<String> keywords = body.strings("approvalKeywords");
        Boolean acknowledge = body.bool("autoAcknowledge");
        var draft = new QueueEmailSettings.Draft(
                body.string("fromAddress"),
                body.string("fromName"),
                body.string("signature"),
                approval != null && approval,
                keywords == null ? List.of() : keywords,
                acknowledge != null && acknowledge);
        // type problems and value problems in one answer
        draft.problems().forEach(p -> body.problem(p.field(), p.message()));
        body.check();
        return settings.change(ref.id(), draft, Actors.current());
    }

    private static MessageId messageId(String value) {
        try {
            return MessageId.parse(value);
        } catch (RuntimeException e) {
            throw new InvalidInputException("messageId", "is not a message id");
        }
    }
}
