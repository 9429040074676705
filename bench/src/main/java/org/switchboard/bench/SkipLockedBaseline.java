package org.switchboard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The baseline of database-centred helpdesks: assignment by SQL row locks. Producers insert waiting
 * work; dispatch workers each run, in one transaction, {@code SELECT … FOR UPDATE SKIP LOCKED} on the
 * oldest waiting item, the same on an agent with spare capacity, and update both; the agent completes the
 * item at once (freeing capacity). Measured: assignments per second and enqueue-to-assignment latency.
 * Uses its own tables ({@code bench_lock_work}, {@code bench_lock_agent}), dropped at the end.
 *
 * <p>Usage: {@code SkipLockedBaseline jdbcUrl user password [workers=16] [producers=8] [agents=40]
 * [warmupSeconds=10] [measureSeconds=30]}
 */
public final class SkipLockedBaseline {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String user = args[1];
        String password = args[2];
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        int producers = args.length > 4 ? Integer.parseInt(args[4]) : 8;
        int agents = args.length > 5 ? Integer.parseInt(args[5]) : 40;
        int warmup = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        int measure = args.length > 7 ? Integer.parseInt(args[7]) : 30;
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_lock_work; drop table if exists bench_lock_agent");
            s.execute("""
                    create table bench_lock_work (id bigserial primary key, status text not null,
                        enqueued_at timestamptz not null default clock_timestamp(), agent int, assigned_at timestamptz);
                    create index bench_lock_waiting on bench_lock_work (id) where status = 'waiting';
                    create table bench_lock_agent (id int primary key, load int not null, capacity int not null,
                        idle_since timestamptz not null default clock_timestamp())""");
            for (int a = 0; a < agents; a++) {
                s.execute("insert into bench_lock_agent (id, load, capacity) values (" + a + ", 0, 5)");
            }
        }
        AtomicBoolean stop = new AtomicBoolean(false);
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicLong assigned = new AtomicLong();
        Recorder latency = new Recorder(3);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                        PreparedStatement insert =
                                c.prepareStatement("insert into bench_lock_work (status) values ('waiting')")) {
                    while (!stop.get()) {
                        // keep a backlog without flooding: produce while fewer than 2,000 wait
                        insert.executeUpdate();
                        try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery(
                                        "select count(*) from bench_lock_work where status = 'waiting'")) {
                            rs.next();
                            if (rs.getLong(1) > 2_000) {
                                Thread.sleep(5);
                            }
                        }
                    }
                } catch (SQLException | InterruptedException e) {
                    if (!stop.get()) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        for (int w = 0; w < workers; w++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password)) {
                    c.setAutoCommit(false);
                    PreparedStatement item = c.prepareStatement("""
                            select id from bench_lock_work where status = 'waiting' order by id
                            limit 1 for update skip locked""");
                    PreparedStatement agent = c.prepareStatement("""
                            select id from bench_lock_agent where load < capacity order by idle_since
                            limit 1 for update skip locked""");
                    PreparedStatement assign = c.prepareStatement("""
                            update bench_lock_work set status = 'assigned', agent = ?, assigned_at = clock_timestamp()
                            where id = ? returning extract(epoch from assigned_at - enqueued_at)""");
                    PreparedStatement take =
                            c.prepareStatement("update bench_lock_agent set load = load + 1 where id = ?");
                    PreparedStatement complete = c.prepareStatement("""
                            update bench_lock_agent set load = load - 1, idle_since = clock_timestamp() where id = ?""");
                    while (!stop.get()) {
                        long itemId;
                        int agentId;
                        try (ResultSet rs = item.executeQuery()) {
                            if (!rs.next()) {
                                c.rollback();
                                continue;
                            }
                            itemId = rs.getLong(1);
                        }
                        try (ResultSet rs = agent.executeQuery()) {
                            if (!rs.next()) {
                                c.rollback();
                                continue;
                            }
                            agentId = rs.getInt(1);
                        }
                        take.setInt(1, agentId);
                        take.executeUpdate();
                        assign.setInt(1, agentId);
                        assign.setLong(2, itemId);
                        double waited;
                        try (ResultSet rs = assign.executeQuery()) {
                            rs.next();
                            waited = rs.getDouble(1);
                        }
                        c.commit();
                        complete.setInt(1, agentId);
                        complete.executeUpdate();
                        c.commit();
                        if (measuring.get()) {
                            assigned.incrementAndGet();
                            latency.recordValue((long) (waited * 1_000_000));
                        }
                    }
                } catch (SQLException e) {
                    if (!stop.get()) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }
        Thread.sleep(warmup * 1000L);
        latency.reset();
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(measure * 1000L);
        measuring.set(false);
        double seconds = (System.nanoTime() - start) / 1e9;
        long count = assigned.get();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        var histogram = latency.getIntervalHistogram();
        System.out.printf(
                "workers=%d producers=%d agents=%d measured=%.1fs assigned=%d (%.0f/s) enqueue->assigned mean=%.2fms p50=%.2fms p99=%.2fms%n",
                workers,
                producers,
                agents,
                seconds,
                count,
                count / seconds,
                histogram.getMean() / 1000.0,
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("drop table if exists bench_lock_work; drop table if exists bench_lock_agent");
        }
    }
}
