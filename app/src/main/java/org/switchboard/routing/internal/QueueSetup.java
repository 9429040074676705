package org.switchboard.routing.internal;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.switchboard.cases.QueueId;
import org.switchboard.routing.QueueAdministration;

/** {@link QueueAdministration} on top of {@link Queues}, so code-created queues follow the API's rules. */
@Service
class QueueSetup implements QueueAdministration {

    private final Queues queues;

    QueueSetup(Queues queues) {
        this.queues = queues;
    }

    @Override
    @Transactional
    public QueueId ensureQueue(NewQueue queue) {
        return queues.queue(queue.name())
                .orElseGet(() -> queues.create(new QueueDraft(
                        queue.name(),
                        queue.team().toString(),
                        queue.requiredSkills().entrySet().stream()
                                .map(skill -> new QueueDraft.Skill(skill.getKey(), skill.getValue()))
                                .toList(),
                        queue.language(),
                        queue.basePriority(),
                        true)))
                .id();
    }
}
