package org.switchboard.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.switchboard.desk.internal.CaseViewers.Activity;
import org.switchboard.desk.internal.CaseViewers.Viewer;
import org.switchboard.platform.MutableClock;

class CaseViewersTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final CaseViewers viewers = new CaseViewers(clock, Duration.ofSeconds(30));

    @Test
    void anAgentSeesTheOtherAgentsOnTheCaseButNotThemselves() {
        viewers.report("case-1", "alice", "Alice", Activity.VIEWING);
        viewers.report("case-1", "bob", "Bob", Activity.VIEWING);
        viewers.report("case-2", "carol", "Carol", Activity.VIEWING);

        assertThat(viewers.others("case-1", "bob")).extracting(Viewer::name).containsExactly("Alice");
        assertThat(viewers.others("case-1", "dave")).extracting(Viewer::name).containsExactly("Alice", "Bob");
        assertThat(viewers.others("case-3", "bob")).isEmpty();
    }

    @Test
    void onlyANewViewerOrAChangedActivityIsWorthTelling() {
        assertThat(viewers.report("case-1", "alice", "Alice", Activity.VIEWING)).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(viewers.report("case-1", "alice", "Alice", Activity.VIEWING)).isFalse();
        assertThat(viewers.report("case-1", "alice", "Alice", Activity.REPLYING))
                .isTrue();
        assertThat(viewers.report("case-1", "alice", "Alice", Activity.REPLYING))
                .isFalse();
    }

    @Test
    void replyingAgentsComeFirst() {
        viewers.report("case-1", "alice", "Alice", Activity.VIEWING);
        viewers.report("case-1", "bob", "Bob", Activity.REPLYING);

        assertThat(viewers.others("case-1", "me"))
                .extracting(Viewer::name, Viewer::activity)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Bob", Activity.REPLYING),
                        org.assertj.core.groups.Tuple.tuple("Alice", Activity.VIEWING));
    }

    @Test
    void anAgentWhoStopsReportingIsDroppedAfterTheTimeout() {
        viewers.report("case-1", "alice", "Alice", Activity.VIEWING);
        viewers.report("case-1", "bob", "Bob", Activity.VIEWING);
        clock.advance(Duration.ofSeconds(20));
        viewers.report("case-1", "bob", "Bob", Activity.VIEWING);
        clock.advance(Duration.ofSeconds(15));

        assertThat(viewers.others("case-1", "me")).extracting(Viewer::name).containsExactly("Bob");
        assertThat(viewers.expire()).containsExactly("case-1");
        assertThat(viewers.expire()).isEmpty();
        assertThat(viewers.others("case-1", "me")).extracting(Viewer::name).containsExactly("Bob");
    }

    @Test
    void aReturningAgentAfterTheTimeoutIsNewAgain() {
        viewers.report("case-1", "alice", "Alice", Activity.VIEWING);
        clock.advance(Duration.ofSeconds(31));
        assertThat(viewers.report("case-1", "alice", "Alice", Activity.VIEWING)).isTrue();
    }

    @Test
    void leavingRemovesTheAgentAtOnce() {
        viewers.report("case-1", "alice", "Alice", Activity.VIEWING);

        assertThat(viewers.leave("case-1", "alice")).isTrue();
        assertThat(viewers.leave("case-1", "alice")).isFalse();
        assertThat(viewers.others("case-1", "me")).isEmpty();
    }

    @Test
    void concurrentReportsOfOneCaseAreAllKept() throws Exception {
        var threads = new Thread[16];
        for (int i = 0; i < threads.length; i++) {
            String id = "agent-" + i;
            threads[i] = Thread.ofVirtual().start(() -> {
                for (int n = 0; n < 200; n++) {
                    viewers.report("case-1", id, id, n % 2 == 0 ? Activity.VIEWING : Activity.REPLYING);
                }
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(viewers.others("case-1", "me")).hasSize(16);
    }
}
