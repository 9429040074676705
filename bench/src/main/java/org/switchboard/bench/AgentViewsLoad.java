package org.switchboard.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * Latency of the agent's list views on a large database: "my open cases", "unassigned in a queue" and
 * the count badges, each at page sizes 50 and 500, measured through the REST API in a closed loop. Also
 * reports the most SQL statements one request took (the server's {@code X-SQL-Statements} header).
 *
 * <p>Usage: {@code AgentViewsLoad baseUrl token queueName [clients=4] [secondsPerView=30]}
 */
public final class AgentViewsLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: AgentViewsLoad baseUrl token queueName [clients] [secondsPerView]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        String token = args[1];
        String queue = URLEncoder.encode(args[2], StandardCharsets.UTF_8);
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;

        Map<String, String> views = new LinkedHashMap<>();
        for (int limit : new int[] {50, 500}) {
            views.put("my open, page " + limit, "/api/v1/cases?assignee=me&status=new,open,pending&limit=" + limit);
            views.put(
                    "unassigned in queue, page " + limit,
                    "/api/v1/cases?queue=" + queue + "&assignee=none&status=new,open&limit=" + limit);
        }
        views.put("count badge: my open", "/api/v1/cases/count?assignee=me&status=new,open,pending");
        views.put(
                "count badge: unassigned in queue",
                "/api/v1/cases/count?queue=" + queue + "&assignee=none&status=new,open");

        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (var view : views.entrySet()) {
            run(http, base, token, view.getKey(), view.getValue(), clients, 3);
            run(http, base, token, view.getKey(), view.getValue(), clients, seconds);
        }
    }

    private static void run(
            HttpClient http, String base, String token, String name, String path, int clients, int seconds)
            throws InterruptedException {
        var recorder = new Recorder(3);
        var ok = new AtomicLong();
        var errors = new AtomicLong();
        var maxStatements = new AtomicInteger();
        var stop = new AtomicBoolean();
        var done = new CountDownLatch(clients);
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
                                ok.incrementAndGet();
                                response.headers()
                                        .firstValue("X-SQL-Statements")
                                        .map(Integer::parseInt)
                                        .ifPresent(n -> maxStatements.accumulateAndGet(n, Math::max));
                            } else {
                                errors.incrementAndGet();
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        if (seconds <= 3) {
            return; // warm-up round
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        new LoadReport(name, ok.get(), errors.get(), elapsed, recorder.getIntervalHistogram()).print(System.out);
        System.out.printf("  most SQL statements in one request: %d%n", maxStatements.get());
    }
}
