package org.switchboard.routing.web;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.UserDeactivated;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.Ids;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.Problems;
import org.switchboard.routing.internal.dispatch.Dispatcher;
import org.switchboard.routing.internal.dispatch.RoutingPush;
import org.switchboard.routing.internal.dispatch.WorkItem;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agent desk socket ({@code /api/v1/routing/desk} for API tokens, {@code /routing/desk} for the
 * signed-in desktop): one WebSocket that carries the same pushes as the event stream and takes the agent's
 * answers back, so an agent working many items does not open a request per offer.
 *
 * <p>The server sends {@code {"event", "data"}} — the stream's events ({@code offer}, {@code presence},
 * {@code work}, {@code queue} for supervisors, {@code heartbeat}) — and {@code {"event": "reply", "ref",
 * "status", "data" | "problem"}} for each action. The client sends {@code {"action": "accept", "offer"}},
 * {@code {"action": "decline", "offer"}} or {@code {"action": "complete", "workItem"}}, each with an optional
 * {@code ref} echoed in its reply. An action has the rules, status codes and problem details of its HTTP
 * twin ({@code POST /api/v1/offers/{id}/accept}, …). Actions of one socket are handled in order.
 *
 * <p>The socket acts as the user who opened it. It closes after {@link #LIFETIME} (the client reconnects and
 * authenticates again, as with the event stream) and at once when that user is deactivated.
 */
@Component
class AgentDeskSocket extends TextWebSocketHandler implements HandshakeInterceptor {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(AgentDeskSocket.class);
    private static final String AUTHENTICATION = "authentication";
    private static final String ACTOR = "actor";
    private static final int SEND_TIME_LIMIT_MS = 10_000;
    private static final int SEND_BUFFER_LIMIT = 512 * 1024;

    private final Dispatcher dispatcher;
    private final RoutingPush push;
    private final JsonMapper json;
    private final Users users;
    private final Map<String, Desk> desks = new ConcurrentHashMap<>();

    AgentDeskSocket(Dispatcher dispatcher, RoutingPush push, JsonMapper json, Users users) {
        this.dispatcher = dispatcher;
        this.push = push;
        this.json = json;
        this.users = users;
    }

    /** One open socket: its sender (safe for concurrent pushes and replies) and its push subscription. */
    private record Desk(WebSocketSession session, Actor actor, Runnable unsubscribe, long openedAt) {}

    // ------------------------------------------------------------------ handshake

    @Override
    public boolean beforeHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            Map<String, Object> attributes) {
        // The handshake passed the security filter chain; keep who opened the socket for its actions.
        var actor = Actors.currentIfAny();
        if (actor.isEmpty()) {
            response.setStatusCode(HttpStatus.UNAUTHORIZED);
            return false;
        }
        attributes.put(ACTOR, actor.get());
        attributes.put(AUTHENTICATION, SecurityContextHolder.getContext().getAuthentication());
        return true;
    }

    @Override
    public void afterHandshake(
            ServerHttpRequest request,
            ServerHttpResponse response,
            WebSocketHandler handler,
            @Nullable Exception exception) {}

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void afterConnectionEstablished(WebSocketSession raw) {
        Actor actor = (Actor) raw.getAttributes().get(ACTOR);
        var session = new ConcurrentWebSocketSessionDecorator(
                raw,
                SEND_TIME_LIMIT_MS,
                SEND_BUFFER_LIMIT,
                ConcurrentWebSocketSessionDecorator.OverflowStrategy.TERMINATE);
        Runnable unsubscribe = push.subscribe(new SocketStream(session), actor.id(), actor.seesAllQueues());
        desks.put(raw.getId(), new Desk(session, actor, unsubscribe, System.nanoTime()));
        // A deactivation that committed between the handshake and now found no socket to close.
        if (!users.find(actor.id()).map(UserSummary::active).orElse(false)) {
            close(session, CloseStatus.POLICY_VIOLATION);
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        Desk desk = desks.remove(session.getId());
        if (desk != null) {
            desk.unsubscribe().run();
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        afterConnectionClosed(session, CloseStatus.SERVER_ERROR);
    }

    /**
     * A deactivated user's sockets close once the deactivation commits (a socket opened meanwhile checks
     * for itself); their next handshake is refused by the filter chain.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(UserDeactivated event) {
        closeWhere(desk -> desk.actor().id().equals(event.user()), CloseStatus.POLICY_VIOLATION);
    }

    /** Closes sockets older than {@link #LIFETIME}; run every minute ({@link DeskSocketConfiguration}). */
    void expire() {
        long now = System.nanoTime();
        closeWhere(desk -> now - desk.openedAt() > LIFETIME.toNanos(), CloseStatus.GOING_AWAY);
    }

    private void closeWhere(Predicate<Desk> which, CloseStatus status) {
        for (Desk desk : List.copyOf(desks.values())) {
            if (which.test(desk)) {
                close(desk.session(), status);
            }
        }
    }

    private static void close(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException ignored) {
            // already closing
        }
    }

    // ------------------------------------------------------------------ actions

    @Override
    protected void handleTextMessage(WebSocketSession raw, TextMessage message) throws IOException {
        Desk desk = desks.get(raw.getId());
        if (desk == null) {
            return; // closed meanwhile
        }
        JsonNode ref = null;
        ObjectNode reply;
        var previous = SecurityContextHolder.getContext();
        try {
            JsonNode request = parse(message.getPayload());
            ref = request.get("ref");
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication((Authentication) raw.getAttributes().get(AUTHENTICATION));
            SecurityContextHolder.setContext(context);
            reply = ok(act(request, desk.actor()));
        } catch (RuntimeException e) {
            reply = refused(e);
        } finally {
            SecurityContextHolder.setContext(previous);
        }
        reply.put("event", "reply");
        if (ref != null && ref.isValueNode()) {
            reply.set("ref", ref);
        }
        desk.session().sendMessage(new TextMessage(json.writeValueAsString(reply)));
    }

    private JsonNode parse(String payload) {
        JsonNode request;
        try {
            request = json.readTree(payload);
        } catch (JacksonException e) {
            throw new InvalidInputException("action", "the message is not valid JSON: " + e.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            throw new InvalidInputException("action", "the message must be a JSON object");
        }
        return request;
    }

    private WorkItem act(JsonNode request, Actor actor) {
        String action = text(request, "action");
        return switch (action) {
            case "accept" -> dispatcher.accept(id(request, "offer", "offer"), actor);
            case "decline" -> dispatcher.decline(id(request, "offer", "offer"), actor);
            case "complete" -> dispatcher.complete(id(request, "workItem", "work item"), actor);
            default -> throw new InvalidInputException("action", "must be accept, decline or complete");
        };
    }

    private static String text(JsonNode request, String field) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            throw new InvalidInputException(field, "is required");
        }
        if (!value.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return value.stringValue();
    }

    private static UUID id(JsonNode request, String field, String what) {
        return Ids.parse(text(request, field), what);
    }

    private ObjectNode ok(WorkItem item) {
        ObjectNode reply = json.createObjectNode();
        reply.put("status", 200);
        reply.set("data", json.valueToTree(RoutingJson.Item.of(item)));
        return reply;
    }

    private ObjectNode refused(RuntimeException e) {
        ProblemDetail problem = Problems.ofRefusal(e).orElseGet(() -> {
            log.error("Unexpected error on a desk socket action", e);
            return Problems.of(
                    HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal",
                    "An unexpected error occurred; it has been logged",
                    List.<FieldProblem>of());
        });
        ObjectNode reply = json.createObjectNode();
        reply.put("status", problem.getStatus());
        reply.set("problem", json.valueToTree(problem));
        return reply;
    }

    /** The push subscription of one socket: each notice is a text message {@code {"event", "data"}}. */
    private record SocketStream(WebSocketSession session) implements RoutingPush.Stream {
        @Override
        public void send(String event, String json) throws IOException {
            session.sendMessage(new TextMessage("{\"event\":\"" + event + "\",\"data\":" + json + "}"));
        }

        @Override
        public void close() {
            AgentDeskSocket.close(session, CloseStatus.GOING_AWAY);
        }
    }
}
