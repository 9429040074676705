package org.switchboard.cases;

/**
 * The count badges of one queue.
 *
 * @param queue the queue
 * @param open cases still being worked on (status {@code new}, {@code open} or {@code pending})
 * @param unassigned cases waiting for an agent (status {@code new} or {@code open}, no assignee)
 */
public record QueueCounts(QueueId queue, long open, long unassigned) {

    /** A queue without such cases. */
    public static QueueCounts none(QueueId queue) {
        return new QueueCounts(queue, 0, 0);
    }
}
