package org.switchboard.routing.internal.dispatch;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.switchboard.cases.CaseId;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.UserId;

/**
 * A work item as routing holds it in memory (a copy of its {@code work_item} row).
 *
 * @param status {@code waiting}, {@code offered}, {@code assigned}, {@code completed} or {@code cancelled}
 * @param agent the agent it is offered or assigned to
 * @param preferredAgent the agent offered it first while the queue's sticky window lasts (a returning
 *     customer's last agent), or null
 */
public record WorkItem(
        UUID id,
        long seq,
        String kind,
        @Nullable CaseId caseId,
        QueueId queue,
        String channel,
        List<Skill> skills,
        @Nullable String language,
        int priority,
        Instant enqueuedAt,
        @Nullable Instant notBefore,
        String status,
        @Nullable UserId agent,
        @Nullable String phone,
        @Nullable String note,
        @Nullable UserId preferredAgent) {

    /** The line: higher effective priority first, then earlier enqueue time, then enqueue order. */
    public static final Comparator<WorkItem> LINE = Comparator.comparingInt((WorkItem w) -> -w.priority)
            .thenComparing(WorkItem::enqueuedAt)
            .thenComparingLong(WorkItem::seq);

    WorkItem with(String newStatus, @Nullable UserId newAgent) {
        return new WorkItem(
                id,
                seq,
                kind,
                caseId,
                queue,
                channel,
                skills,
                language,
                priority,
                enqueuedAt,
                notBefore,
                newStatus,
                newAgent,
                phone,
                note,
                preferredAgent);
    }

    WorkItem movedTo(
            QueueId newQueue,
            List<Skill> newSkills,
            @Nullable String newLanguage,
            int newPriority,
            Instant newEnqueuedAt,
            long newSeq,
            @Nullable String newNote) {
        return new WorkItem(
                id,
                newSeq,
                kind,
                caseId,
                newQueue,
                channel,
                newSkills,
                newLanguage,
                newPriority,
                newEnqueuedAt,
                notBefore,
                "waiting",
                null,
                phone,
                newNote,
                preferredAgent);
    }

    WorkItem withNote(@Nullable String newNote) {
        return new WorkItem(
                id,
                seq,
                kind,
                caseId,
                queue,
                channel,
                skills,
                language,
                priority,
                enqueuedAt,
                notBefore,
                status,
                agent,
                phone,
                newNote,
                preferredAgent);
    }

    WorkItem inQueue(QueueId newQueue) {
        return new WorkItem(
                id,
                seq,
                kind,
                caseId,
                newQueue,
                channel,
                skills,
                language,
                priority,
                enqueuedAt,
                notBefore,
                status,
                agent,
                phone,
                note,
                preferredAgent);
    }
}
