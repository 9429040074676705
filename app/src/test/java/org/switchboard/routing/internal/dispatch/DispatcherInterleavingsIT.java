package org.switchboard.routing.internal.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.QueueId;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.routing.AgentState;
import org.switchboard.routing.internal.engine.Policy;

/**
 * Randomized concurrent interleavings through the dispatcher (seeded: a failing seed reproduces the same
 * operation sequence per thread): enqueues, presence changes, accepts, declines, completions, cancels and
 * sweeps from several threads at once, then the invariants: no item ever had two open offers, no agent
 * holds more than its capacity, no item is lost, and after a rebuild the line is the same.
 */
@SwitchboardIntegrationTest
class DispatcherInterleavingsIT {

    private static final int THREADS = 6;
    private static final int OPERATIONS = 120;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Dispatcher dispatcher;

    @Autowired
    java.time.Clock clock;

    /**
     * Each seed runs under a policy: the default, and non-default ones with aging, a sticky window, overflow
     * steps and a maximum queue size, over voice, chat and email items (capacities 1, 3, 5).
     */
    @ParameterizedTest
    @CsvSource({
        "7, longest_idle, false",
        "42, longest_idle, false",
        "20261124, longest_idle, false",
        "11, most_skilled, true",
        "23, least_occupied, true",
        "31, round_robin, true"
    })
    void invariantsHoldUnderConcurrentRandomOperations(long seed, String policyName, boolean strict) throws Exception {
        Floor floor = floor("Interleave", 4);
        QueueId queue = floor.queue();
        if (strict) {
            dispatcher.savePolicy(
                    queue,
                    new QueuePolicy(
                            Policy.fromWire(policyName),
                            0.5,
                            30,
                            40,
                            null,
                            List.of(new QueuePolicy.Step(0, 1, Set.of(), Set.of()))));
        }
        boolean mixed = strict;
        List<UserId> agents = floor.agents();
        Set<UUID> enqueued = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Random random = new Random(seed * 31 + t);
            done.add(pool.submit(() -> {
                start.await();
                for (int op = 0; op < OPERATIONS; op++) {
                    step(random, queue, agents, enqueued, mixed);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get(3, TimeUnit.MINUTES);
        }
        pool.shutdown();

        // every item enqueued has its row; none vanished
        long rows = jdbc.sql("select count(*) from work_item where queue_id = ?")
                .param(queue.value())
                .query(Long.class)
                .single();
        assertThat(rows).isEqualTo(enqueued.size());
        // never two open offers of one item, and an item on offer still waits in its row (only its open
        // offer records the offer)
        assertThat(jdbc.sql("""
                        select count(*) from work_item w where w.queue_id = ?
                        and (select count(*) from offer o where o.work_item_id = w.id and o.status = 'open')
                            > case when w.status = 'waiting' then 1 else 0 end""").param(queue.value()).query(Long.class).single())
                .isZero();
        // no agent beyond its capacity (email 5 by default) or with more than one open offer: what an
        // agent holds is its assigned items and its open offers
        String held = """
                select w.id, w.channel, coalesce(w.agent_id, o.agent_id) as agent_id from work_item w
                left join offer o on o.work_item_id = w.id and o.status = 'open'
                where w.queue_id = ? and (w.status = 'assigned' or o.id is not null)""";
        Map<UUID, Long> heldByAgent = new java.util.HashMap<>();
        jdbc.sql("select agent_id, count(*) as n from (" + held + ") h group by agent_id")
                .param(queue.value())
                .query((rs, n) -> heldByAgent.put(rs.getObject("agent_id", UUID.class), rs.getLong("n")))
                .list();
        assertThat(heldByAgent.values()).allMatch(n -> n <= 5 + 3 + 1);
        // per channel: voice 1, chat 3, email 5 (the default capacities)
        Map<String, Integer> capacity = Map.of("voice", 1, "chat", 3, "email", 5);
        jdbc.sql("select agent_id, channel, count(*) as n from (" + held + ") h group by agent_id, channel")
                .param(queue.value())
                .query((rs, n) -> {
                    assertThat(rs.getLong("n"))
                            .as("agent %s on %s", rs.getString("agent_id"), rs.getString("channel"))
                            .isLessThanOrEqualTo(capacity.get(rs.getString("channel")));
                    return null;
                })
                .list();
        for (UserId agent : agents) {
            assertThat(jdbc.sql("select count(*) from offer where agent_id = ? and status = 'open'")
                            .param(agent.value())
                            .query(Long.class)
                            .single())
                    .isLessThanOrEqualTo(1);
        }
        // the line (waiting and offered items) is what the database holds, in line order, and each
        // item's position is its place in it
        List<UUID> before =
                dispatcher.line(queue, 1000).stream().map(WorkItem::id).toList();
        assertThat(before)
                .containsExactlyElementsOf(
                        jdbc.sql("""
                                select id from work_item where queue_id = ? and status in ('waiting', 'offered')
                                order by priority desc, enqueued_at, seq""").param(queue.value()).query(UUID.class).list());
        // the queue's statistics count the same items, and its longest wait is the oldest of them
        Dispatcher.QueueStats stats = dispatcher.stats(queue);
        assertThat(stats.waiting()).isEqualTo(before.size());
        if (!before.isEmpty()) {
            java.time.Instant oldest = jdbc.sql("""
                            select min(enqueued_at) from work_item where queue_id = ? and status in ('waiting', 'offered')""")
                    .param(queue.value())
                    .query(java.time.OffsetDateTime.class)
                    .single()
                    .toInstant();
            long expected = java.time.Duration.between(oldest, clock.instant()).toSeconds();
            assertThat(stats.longestWaitSeconds()).isBetween(expected - 2, expected + 1);
        }
        for (int i = 0; i < before.size(); i++) {
            assertThat(dispatcher.position(before.get(i)).position())
                    .as("position of the line's item %d", i + 1)
                    .isEqualTo(i + 1);
        }
        // the line survives a rebuild in the same order (offered items wait again in their place)
        dispatcher.rebuild();
        List<UUID> after =
                dispatcher.line(queue, 1000).stream().map(WorkItem::id).toList();
        assertThat(after).containsExactlyElementsOf(before);
        for (UserId agent : agents) {
            dispatcher.setPresence(agent, AgentState.OFFLINE, null, Dispatcher.API_DESKTOP, actor(agent));
        }
        assertThat(TeamId.parse(floor.teamId())).isNotNull();
    }

    /**
     * A decline and the offer of the same item to the next agent are decided together and committed in one
     * batch: the old offer must end before the new one is written (one open offer per item), without the
     * batch falling back to one transaction per write.
     */
    @Test
    void aDeclinedItemGoesToTheNextAgentInTheSameBatchWithoutAReplay() {
        Floor floor = floor("Decline", 2);
        QueueId queue = floor.queue();
        List<UserId> agents = floor.agents();
        WorkItem item = dispatcher
                .enqueue(new Dispatcher.Entry(
                        "case", null, queue, "email", List.of(), null, 10, null, null, null, null, null, "test"))
                .orElseThrow();
        long replays = dispatcher.journalReplays();
        for (int round = 0; round < 6; round++) {
            for (UserId agent : agents) {
                dispatcher.setPresence(agent, AgentState.AVAILABLE, null, Dispatcher.API_DESKTOP, actor(agent));
            }
            UserId holder = agents.stream()
                    .filter(a -> dispatcher.offerOf(a).isPresent())
                    .findFirst()
                    .orElseThrow();
            UserId next = agents.get(1 - agents.indexOf(holder));

            dispatcher.decline(dispatcher.offerOf(holder).orElseThrow().offer(), actor(holder));

            assertThat(dispatcher.offerOf(next)).as("round %d", round).isPresent();
            assertThat(jdbc.sql("select agent_id from offer where work_item_id = ? and status = 'open'")
                            .param(item.id())
                            .query(UUID.class)
                            .list())
                    .containsExactly(next.value());
            assertThat(jdbc.sql("select status from work_item where id = ?")
                            .param(item.id())
                            .query(String.class)
                            .single())
                    .isEqualTo("waiting");
        }
        assertThat(dispatcher.journalReplays()).isEqualTo(replays);
        for (UserId agent : agents) {
            dispatcher.setPresence(agent, AgentState.OFFLINE, null, Dispatcher.API_DESKTOP, actor(agent));
        }
    }

    /** A team with its queue (no required skills) and agents, through the API. */
    private record Floor(String teamId, QueueId queue, List<UserId> agents) {}

    private Floor floor(String name, int agentCount) {
        TestApi api = new TestApi(port, jdbc);
        TestApi admin = api.as(api.createUser("admin"));
        String teamName = name + " " + UUID.randomUUID().toString().substring(0, 8);
        String teamId = admin.post("/api/v1/teams", "{\"name\": \"" + teamName + "\"}")
                .json()
                .get("id")
                .asString();
        var queueResponse = admin.post("/api/v1/queues", """
                {"name": "%s", "team": "%s", "requiredSkills": [], "basePriority": 10}""".formatted(teamName, teamId));
        QueueId queue = QueueId.parse(queueResponse.json().get("id").asString());
        List<UserId> agents = new ArrayList<>();
        for (int i = 0; i < agentCount; i++) {
            TestApi.TestUser user = api.createUser("agent");
            admin.put("/api/v1/teams/" + teamId + "/members/" + user.id(), null);
            agents.add(UserId.parse(user.id()));
        }
        return new Floor(teamId, queue, List.copyOf(agents));
    }

    private void step(Random random, QueueId queue, List<UserId> agents, Set<UUID> enqueued, boolean mixed) {
        UserId agent = agents.get(random.nextInt(agents.size()));
        try {
            switch (random.nextInt(8)) {
                case 0, 1 ->
                    dispatcher
                            .enqueue(new Dispatcher.Entry(
                                    "case",
                                    null,
                                    queue,
                                    mixed ? List.of("voice", "chat", "email").get(random.nextInt(3)) : "email",
                                    List.of(),
                                    null,
                                    random.nextInt(3) * 10,
                                    null,
                                    null,
                                    null,
                                    null,
                                    null,
                                    "test"))
                            .ifPresent(item -> enqueued.add(item.id()));
                case 2 ->
                    dispatcher.setPresence(
                            agent,
                            random.nextBoolean() ? AgentState.AVAILABLE : AgentState.AWAY,
                            null,
                            Dispatcher.API_DESKTOP,
                            actor(agent));
                case 3, 4 ->
                    dispatcher.offerOf(agent).ifPresent(offer -> dispatcher.accept(offer.offer(), actor(agent)));
                case 5 -> dispatcher.offerOf(agent).ifPresent(offer -> dispatcher.decline(offer.offer(), actor(agent)));
                case 6 -> {
                    var work = dispatcher.presence(agent).work();
                    if (!work.isEmpty()) {
                        dispatcher.complete(
                                work.get(random.nextInt(work.size())).id(), actor(agent));
                    }
                }
                default -> {
                    List<WorkItem> line = dispatcher.line(queue, 50);
                    if (!line.isEmpty() && random.nextInt(3) == 0) {
                        dispatcher.cancel(line.get(random.nextInt(line.size())).id(), "test");
                    } else {
                        dispatcher.sweep();
                    }
                }
            }
        } catch (ConflictException | NotFoundException raced) {
            // another thread changed the item or offer first: an expected outcome of a race
        }
    }

    private static Actor actor(UserId agent) {
        return new Actor(agent, "agent", "Agent", Role.AGENT, Set.of());
    }
}
