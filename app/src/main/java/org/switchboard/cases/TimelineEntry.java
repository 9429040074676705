package org.switchboard.cases;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One thing that happened to a case, in order of {@code at}.
 *
 * <p>{@code type} is one of: {@code message} (a customer message or public reply; {@code message} set),
 * {@code note} ({@code message} set), {@code interaction} (started; {@code interaction} set with its
 * duration once ended), or an activity: {@code created}, {@code status}, {@code assignee},
 * {@code priority}, {@code queue}, {@code tags}, {@code category}, {@code disposition},
 * {@code customer}, {@code merged}, {@code split}, {@code linked}, {@code reopened} with {@code field},
 * {@code from} and {@code to} as wire strings.
 *
 * @param actor who did it
 * @param messageId for a channel message, the channel's id of it (an email's Message-ID)
 * @param threadedBy for an inbound channel message, why it was filed in this case
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TimelineEntry(
        String type,
        Instant at,
        Party actor,
        @Nullable MessageView message,
        @Nullable InteractionView interaction,
        @Nullable String field,
        @Nullable String from,
        @Nullable String to,
        @Nullable String messageId,
        @Nullable String threadedBy) {

    public TimelineEntry(
            String type,
            Instant at,
            Party actor,
            @Nullable MessageView message,
            @Nullable InteractionView interaction,
            @Nullable String field,
            @Nullable String from,
            @Nullable String to) {
        this(
                type,
                at,
                actor,
                message,
                interaction,
                field,
                from,
                to,
                message == null ? null : message.messageId(),
                message == null ? null : message.threadedBy());
    }
}
