package org.switchboard.desk.web;

import java.io.IOException;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueRef;
import org.switchboard.desk.internal.DeskProperties;
import org.switchboard.desk.internal.LiveUpdates;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;

/**
 * {@code GET /desk/events}: the live-update stream of a desk page (server-sent events). Events are
 * {@code case} (a case changed) and {@code viewers} (who has a case open changed), each with a small JSON
 * body of ids; comments keep the stream alive. The request thread is released at once (asynchronous
 * request), so an open stream holds no thread.
 */
@Controller
class DeskEventsController {

    private final LiveUpdates liveUpdates;
    private final DeskProperties properties;
    private final ObjectProvider<QueueDirectory> queues;

    DeskEventsController(LiveUpdates liveUpdates, DeskProperties properties, ObjectProvider<QueueDirectory> queues) {
        this.liveUpdates = liveUpdates;
        this.properties = properties;
        this.queues = queues;
    }

    @GetMapping(path = "/desk/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() throws IOException {
        Actor actor = Actors.current();
        SseEmitter emitter = new SseEmitter(properties.streamTimeout().toMillis());
        Runnable unsubscribe = liveUpdates.subscribe(new EmitterConnection(emitter), audience(actor));
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(error -> unsubscribe.run());
        emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        return emitter;
    }

    /**
     * Supervisors and admins hear of every case; an agent of the cases of their teams' queues and of the
     * cases assigned to them. Viewer notices carry only a case id and go to everyone (a page not showing
     * that case ignores them).
     */
    private Predicate<LiveUpdates.Notice> audience(Actor actor) {
        if (actor.seesAllQueues()) {
            return notice -> true;
        }
        String me = actor.id().toString();
        QueueDirectory directory = queues.getIfAvailable();
        Set<String> myQueues = directory == null
                ? Set.of()
                : directory.ownedBy(actor.teams()).stream()
                        .map(QueueRef::id)
                        .map(Object::toString)
                        .collect(Collectors.toUnmodifiableSet());
        return notice -> notice.kind().equals("viewers")
                || me.equals(notice.assigneeId())
                || (notice.queueId() != null && myQueues.contains(notice.queueId()));
    }

    /** An {@link SseEmitter} as a hub connection. */
    private record EmitterConnection(SseEmitter emitter) implements LiveUpdates.Connection {
        @Override
        public void send(String eventName, String data) throws IOException {
            emitter.send(SseEmitter.event().name(eventName).data(data, MediaType.APPLICATION_JSON));
        }

        @Override
        public void comment(String text) throws IOException {
            emitter.send(SseEmitter.event().comment(text));
        }

        @Override
        public void close() {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed by the container
            }
        }
    }
}
