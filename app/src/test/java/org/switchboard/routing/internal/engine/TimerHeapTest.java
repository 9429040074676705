package org.switchboard.routing.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimerHeapTest {

    @Test
    void pollsInDeadlineOrderAndRemovesAnyTimer() {
        long seed = Long.getLong("switchboard.routing.seed", 42L);
        Random random = new Random(seed);
        TimerHeap heap = new TimerHeap();
        TreeSet<RoutingEngine.Timer> expected = new TreeSet<>();
        List<RoutingEngine.Timer> live = new ArrayList<>();
        long sequence = 0;
        for (int i = 0; i < 20_000; i++) {
            int action = random.nextInt(3);
            if (action == 0 || live.isEmpty()) {
                var timer = new RoutingEngine.Timer(random.nextInt(1_000), null, null, null, null, 0);
                timer.seq = ++sequence;
                heap.add(timer);
                expected.add(timer);
                live.add(timer);
            } else if (action == 1) {
                var timer = live.remove(random.nextInt(live.size()));
                heap.remove(timer);
                heap.remove(timer); // twice: the second does nothing
                expected.remove(timer);
            } else {
                var polled = heap.poll();
                assertThat(polled).as("seed %d", seed).isSameAs(expected.pollFirst());
                live.remove(polled);
            }
            assertThat(heap.size()).as("seed %d", seed).isEqualTo(expected.size());
        }
    }
}
