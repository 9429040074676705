package org.switchboard.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Closed-loop load on {@code POST /api/v1/cases}: N clients each send a create, wait for the answer and
 * send the next. A share of the requests replays an earlier request's Idempotency-Key with the same
 * body; every replay must answer with the id the first request got, and the number of distinct ids
 * must equal the number of distinct keys (0 duplicates).
 *
 * <p>Usage: {@code CaseCreationLoad baseUrl token queue [clients=32] [warmupSeconds=60]
 * [measureSeconds=300] [replayFraction=0.1]}
 */
public final class CaseCreationLoad {

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: CaseCreationLoad baseUrl token queue [clients] [warmupSeconds] [measureSeconds] [replayFraction]");
            System.exit(2);
        }
        String base = args[0].replaceAll("/$", "");
        String token = args[1];
        String queue = args[2];
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        int measure = args.length > 5 ? Integer.parseInt(args[5]) : 300;
        double replayFraction = args.length > 6 ? Double.parseDouble(args[6]) : 0.1;

        var http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        var recorder = new Recorder(3);
        var ok = new AtomicLong();
        var errors = new AtomicLong();
        var replays = new AtomicLong();
        var replayMismatches = new AtomicLong();
        Map<String, String> idByKey = new ConcurrentHashMap<>();
        var measuring = new AtomicBoolean(false);
        var stop = new AtomicBoolean(false);
        var done = new CountDownLatch(clients);

        for (int c = 0; c < clients; c++) {
            final int client = c;
            Thread.ofVirtual().name("client-" + c).start(() -> {
                var random = new SplittableRandom(client);
                List<String[]> mine = new ArrayList<>();
                try {
                    while (!stop.get()) {
                        String key;
                        String body;
                        boolean replay = !mine.isEmpty() && random.nextDouble() < replayFraction;
                        if (replay) {
                            String[] earlier = mine.get(random.nextInt(mine.size()));
                            key = earlier[0];
                            body = earlier[1];
                        } else {
                            key = UUID.randomUUID().toString();
                            body = body(client, queue, random);
                            if (mine.size() < 1000) {
                                mine.add(new String[] {key, body});
                            }
                        }
                        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/cases"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", key)
                                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                                .build();
                        long start = System.nanoTime();
                        HttpResponse<String> response;
                        try {
                            response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (Exception e) {
                            if (measuring.get()) {
                                errors.incrementAndGet();
                            }
                            continue;
                        }
                        long micros = (System.nanoTime() - start) / 1000;
                        String id = idOf(response.body());
                        if (response.statusCode() == 201 && id != null) {
                            String first = idByKey.putIfAbsent(key, id);
                            if (replay) {
                                replays.incrementAndGet();
                                if (first != null && !first.equals(id)) {
                                    replayMismatches.incrementAndGet();
                                }
                            }
                            if (measuring.get()) {
                                recorder.recordValue(Math.max(1, micros));
                                ok.incrementAndGet();
                            }
                        } else if (measuring.get()) {
                            errors.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }

        System.out.printf("warming up %d clients for %d s%n", clients, warmup);
        Thread.sleep(warmup * 1000L);
        recorder.reset();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram histogram = recorder.getIntervalHistogram();
        stop.set(true);
        done.await();

        new LoadReport("case creation", ok.get(), errors.get(), seconds, histogram).print(System.out);
        long distinctIds = idByKey.values().stream().distinct().count();
        System.out.printf(
                "replays %d, replay answered with another id %d; keys %d, distinct case ids %d, duplicates %d%n",
                replays.get(), replayMismatches.get(), idByKey.size(), distinctIds, idByKey.size() - distinctIds);
    }

    private static String body(int client, String queue, SplittableRandom random) {
        String[] priorities = {"low", "normal", "normal", "high", "urgent"};
        return """
                {"subject":"Load test %d-%d","customer":{"email":"load-%d@bench.example"},\
                "queue":"%s","priority":"%s","message":{"text":"My order %d has not arrived yet."}}""".formatted(
                        client,
                        random.nextInt(1_000_000),
                        random.nextInt(5000),
                        queue,
                        priorities[random.nextInt(priorities.length)],
                        random.nextInt(1_000_000));
    }

    private static String idOf(String json) {
        int at = json.indexOf("\"id\":\"");
        if (at < 0) {
            return null;
        }
        int from = at + 6;
        int to = json.indexOf('"', from);
        return to < 0 ? null : json.substring(from, to);
    }
}
