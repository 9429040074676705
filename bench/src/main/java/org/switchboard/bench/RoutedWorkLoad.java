package org.switchboard.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Recorder;

/**
 * End-to-end routing through PostgreSQL and the offer push: agents answer every offer at once (accept,
 * then complete); producers enqueue email work items ({@code POST /api/v1/work-items}) in a closed loop.
 * Measured: routed (accepted) items per second, enqueue-to-offer latency as the agent receives the offer,
 * and double offers (an item pushed as an offer more than once).
 *
 * <p>Agents work either like a desktop on the agent desk socket ({@code desk}: offers pushed and answered
 * on one WebSocket, {@code /api/v1/routing/desk}) or with the event stream and a request per answer
 * ({@code http}: {@code GET /api/v1/routing/events}, {@code POST /api/v1/offers/{id}/accept}, {@code POST
 * /api/v1/work-items/{id}/complete}).
 *
 * <p>Usage: {@code RoutedWorkLoad baseUrl adminUser adminPassword [agents=40] [producers=16]
 * [warmupSeconds=10] [measureSeconds=30] [transport=http|desk]}
 */
public final class RoutedWorkLoad {

    private static final Pattern FIELD = Pattern.compile("\"(\\w+)\":\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor())
            .build();
    private final String base;
    private final boolean desk;

    private RoutedWorkLoad(String base, boolean desk) {
        this.base = base;
        this.desk = desk;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: RoutedWorkLoad baseUrl adminUser adminPassword [agents] [producers] [warmup] [measure]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        String admin = "Basic "
                + Base64.getEncoder().encodeToString((args[1] + ":" + args[2]).getBytes(StandardCharsets.UTF_8));
        int agents = args.length > 3 ? Integer.parseInt(args[3]) : 40;
        int producers = args.length > 4 ? Integer.parseInt(args[4]) : 16;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int measure = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        boolean desk = args.length > 7 && args[7].equals("desk");
        new RoutedWorkLoad(base, desk).run(admin, agents, producers, warmup, measure);
    }

    private void run(String admin, int agentCount, int producers, int warmup, int measure) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String team = field(send("POST", "/api/v1/teams", admin, "{\"name\":\"Bench " + run + "\"}", 201), "id");
        String queue = field(send("POST", "/api/v1/queues", admin, """
                {"name":"Bench %s","team":"%s","requiredSkills":[],"basePriority":10}""".formatted(run, team), 201), "id");
        send("PUT", "/api/v1/queues/" + queue + "/hours", admin, "{\"offerSeconds\":60,\"wrapUpSeconds\":0}", 200);
        String adminToken =
                "Bearer " + field(send("POST", "/api/v1/me/tokens", admin, "{\"name\":\"bench\"}", 201), "token");

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> offeredAt = new ConcurrentHashMap<>();
        Map<String, Integer> offers = new ConcurrentHashMap<>();
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicLong routed = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Recorder latency = new Recorder(3);
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < agentCount; i++) {
            String password = "bench-" + UUID.randomUUID();
            String username = "bench-" + run + "-" + i;
            String id = field(
                    send("POST", "/api/v1/users", admin, """
                    {"username":"%s","email":"%s@bench.test","displayName":"Bench %d","role":"agent","password":"%s",
                     "teams":["%s"],"capacity":{"email":5,"chat":3,"voice":1}}""".formatted(username, username, i, password, team), 201),
                    "id");
            String basic = "Basic "
                    + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            String token =
                    "Bearer " + field(send("POST", "/api/v1/me/tokens", basic, "{\"name\":\"bench\"}", 201), "token");
            Counters counters = new Counters(sentAt, offeredAt, offers, latency, measuring, stop, routed, errors);
            if (desk) {
                deskAgent(id, token, counters);
            } else {
                threads.add(Thread.ofVirtual().start(() -> agent(id, token, counters)));
            }
            send("PUT", "/api/v1/agents/" + id + "/presence", token, "{\"state\":\"available\"}", 200);
        }
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofVirtual().start(() -> {
                String body = "{\"queue\":\"" + queue + "\",\"channel\":\"email\"}";
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    try {
                        String item = field(send("POST", "/api/v1/work-items", adminToken, body, 201), "id");
                        sentAt.put(item, t0);
                        Long offered = offeredAt.get(item);
                        if (offered != null && measuring.get()) {
                            latency.recordValue(Math.max(0, offered - t0) / 1000);
                        }
                    } catch (RuntimeException e) {
                        errors.incrementAndGet();
                    }
                }
            }));
        }
        Thread.sleep(warmup * 1000L);
        latency.reset();
        long routedBefore = routed.get();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long routedDuring = routed.get() - routedBefore;
        stop.set(true);
        var histogram = latency.getIntervalHistogram();
        long doubles = offers.values().stream().filter(n -> n > 1).count();
        System.out.printf(
                "transport=%s agents=%d producers=%d measured=%.1fs routed=%d (%.0f/s) enqueue->offer p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms"
                        + " samples=%d double-offers=%d errors=%d%n",
                desk ? "desk" : "http",
                agentCount,
                producers,
                seconds,
                routedDuring,
                routedDuring / seconds,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(95) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0,
                histogram.getTotalCount(),
                doubles,
                errors.get());
        System.exit(0);
    }

    /** What agents and producers share. */
    private record Counters(
            Map<String, Long> sentAt,
            Map<String, Long> offeredAt,
            Map<String, Integer> offers,
            Recorder latency,
            AtomicBoolean measuring,
            AtomicBoolean stop,
            AtomicLong routed,
            AtomicLong errors) {

        /** Records an offer's arrival; false when the push was the end of an offer, not a new one. */
        boolean offered(String item, long now) {
            offeredAt.put(item, now);
            offers.merge(item, 1, Integer::sum);
            Long sent = sentAt.get(item);
            if (sent != null && measuring.get()) {
                latency.recordValue(Math.max(0, now - sent) / 1000);
            }
            return true;
        }
    }

    private void agent(String id, String token, Counters counters) {
        AtomicBoolean stop = counters.stop();
        AtomicLong errors = counters.errors();
        try {
            var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/routing/events"))
                    .header("Authorization", token)
                    .header("Accept", "text/event-stream")
                    .build();
            var response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while (!stop.get() && (line = reader.readLine()) != null) {
                    if (line.startsWith("event:")) {
                        event = line.substring(6).trim();
                    } else if (line.startsWith("data:") && "offer".equals(event)) {
                        long now = System.nanoTime();
                        String data = line.substring(5);
                        String offer = value(data, "offer");
                        String item = value(data, "workItem");
                        if (item == null || offer == null) {
                            continue; // the end of an offer
                        }
                        counters.offered(item, now);
                        try {
                            send("POST", "/api/v1/offers/" + offer + "/accept", token, null, 200);
                            counters.routed().incrementAndGet();
                            send("POST", "/api/v1/work-items/" + item + "/complete", token, null, 200);
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (!stop.get()) {
                errors.incrementAndGet();
                System.err.println("agent " + id + " stream ended: " + e);
            }
        }
    }

    /**
     * An agent on the desk socket: each offer is answered with an accept and, at once, a complete (the
     * server handles one socket's actions in order); an accept's reply with status 200 counts as routed.
     */
    private void deskAgent(String id, String token, Counters counters) throws Exception {
        URI uri = URI.create(base.replaceFirst("^http", "ws") + "/api/v1/routing/desk");
        var listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    handle(socket, partial.toString());
                    partial.setLength(0);
                }
                socket.request(1);
                return null;
            }

            private void handle(WebSocket socket, String message) {
                long now = System.nanoTime();
                if (message.startsWith("{\"event\":\"offer\"")) {
                    String offer = value(message, "offer");
                    String item = value(message, "workItem");
                    if (offer != null && item != null && counters.offered(item, now)) {
                        socket.sendText("{\"action\":\"accept\",\"offer\":\"" + offer + "\",\"ref\":\"a\"}", true)
                                .join();
                        socket.sendText("{\"action\":\"complete\",\"workItem\":\"" + item + "\",\"ref\":\"c\"}", true)
                                .join();
                    }
                } else if (message.startsWith("{\"status\":")) {
                    boolean ok = message.startsWith("{\"status\":200");
                    if (!ok) {
                        counters.errors().incrementAndGet();
                    } else if ("a".equals(value(message, "ref"))) {
                        counters.routed().incrementAndGet();
                    }
                }
            }

            @Override
            public void onError(WebSocket socket, Throwable error) {
                if (!counters.stop().get()) {
                    counters.errors().incrementAndGet();
                    System.err.println("agent " + id + " desk socket failed: " + error);
                }
            }
        };
        http.newWebSocketBuilder()
                .header("Authorization", token)
                .buildAsync(uri, listener)
                .get(10, TimeUnit.SECONDS);
    }

    private String send(String method, String path, String authorization, String json, int expected) {
        var builder = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        try {
            var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String field(String json, String name) {
        String value = value(json, name);
        if (value == null) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value;
    }

    private static String value(String json, String name) {
        Matcher matcher = FIELD.matcher(json);
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        return null;
    }
}
