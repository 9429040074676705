package org.switchboard.routing.web;

import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.routing.internal.dispatch.RoutingPush;

/**
 * {@code GET /routing/events} (pages) and {@code GET /api/v1/routing/events} (integrations, API tokens): the live push of routing (server-sent events) for the agent desktop and the
 * supervisor view. Events: {@code offer} (an offer for this agent, or its end), {@code presence},
 * {@code work} (the agent's work changed) and, for supervisors, {@code queue}; each a small JSON of ids.
 */
@Controller
class RoutingEventsController {

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final RoutingPush push;

    RoutingEventsController(RoutingPush push) {
        this.push = push;
    }

    @GetMapping(
            path = {"/routing/events", "/api/v1/routing/events"},
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() throws IOException {
        Actor actor = Actors.current();
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        Runnable unsubscribe = push.subscribe(new EmitterStream(emitter), actor.id(), actor.seesAllQueues());
        emitter.onCompletion(unsubscribe);
        emitter.onTimeout(unsubscribe);
        emitter.onError(error -> unsubscribe.run());
        emitter.send(SseEmitter.event().comment("connected").reconnectTime(3000));
        return emitter;
    }

    private record EmitterStream(SseEmitter emitter) implements RoutingPush.Stream {
        @Override
        public void send(String event, String json) throws IOException {
            if (event.equals("heartbeat")) {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } else {
                emitter.send(SseEmitter.event().name(event).data(json, MediaType.APPLICATION_JSON));
            }
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
