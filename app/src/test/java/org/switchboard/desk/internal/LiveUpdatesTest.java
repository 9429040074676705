package org.switchboard.desk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.switchboard.desk.internal.LiveUpdates.Notice;

class LiveUpdatesTest {

    private final LiveUpdates hub = new LiveUpdates(Runnable::run);

    @Test
    void aNoticeReachesTheConnectionsWhoseAudienceAcceptsIt() {
        var billing = new RecordingConnection();
        var sales = new RecordingConnection();
        hub.subscribe(billing, notice -> "queue-billing".equals(notice.queueId()));
        hub.subscribe(sales, notice -> "queue-sales".equals(notice.queueId()));

        hub.publish(new Notice("case", "case-1", "case.status_changed", "queue-billing", null));

        assertThat(billing.sent)
                .containsExactly("case {\"kind\":\"case\",\"caseId\":\"case-1\",\"type\":\"case.status_changed\"}");
        assertThat(sales.sent).isEmpty();
    }

    @Test
    void heartbeatsGoToEveryConnectionAsComments() {
        var a = new RecordingConnection();
        var b = new RecordingConnection();
        hub.subscribe(a, notice -> false);
        hub.subscribe(b, notice -> false);

        hub.heartbeat();

        assertThat(a.sent).containsExactly(": heartbeat");
        assertThat(b.sent).containsExactly(": heartbeat");
    }

    @Test
    void aConnectionThatFailsIsClosedAndForgotten() {
        var alive = new RecordingConnection();
        var dead = new RecordingConnection();
        dead.broken = true;
        hub.subscribe(alive, notice -> true);
        hub.subscribe(dead, notice -> true);

        hub.heartbeat();

        assertThat(hub.connections()).isEqualTo(1);
        assertThat(dead.closed).isTrue();
        hub.publish(new Notice("viewers", "case-1", null, null, null));
        assertThat(alive.sent).containsExactly(": heartbeat", "viewers {\"kind\":\"viewers\",\"caseId\":\"case-1\"}");
    }

    @Test
    void unsubscribingStopsTheNotices() {
        var connection = new RecordingConnection();
        Runnable unsubscribe = hub.subscribe(connection, notice -> true);

        unsubscribe.run();
        hub.publish(new Notice("case", "case-1", "case.assigned", null, null));

        assertThat(connection.sent).isEmpty();
        assertThat(hub.connections()).isZero();
    }

    @Test
    void anAudienceThatThrowsDoesNotStopTheOthers() {
        var connection = new RecordingConnection();
        hub.subscribe(new RecordingConnection(), notice -> {
            throw new IllegalStateException("broken audience");
        });
        hub.subscribe(connection, notice -> true);

        hub.publish(new Notice("case", "case-1", "case.assigned", null, null));

        assertThat(connection.sent).hasSize(1);
    }

    @Test
    void closingAllEndsEveryStream() {
        var a = new RecordingConnection();
        var b = new RecordingConnection();
        hub.subscribe(a, notice -> true);
        hub.subscribe(b, notice -> true);

        hub.closeAll();

        assertThat(a.closed).isTrue();
        assertThat(b.closed).isTrue();
        assertThat(hub.connections()).isZero();
    }

    private static final class RecordingConnection implements LiveUpdates.Connection {
        final List<String> sent = new CopyOnWriteArrayList<>();
        volatile boolean broken;
        volatile boolean closed;

        @Override
        public void send(String eventName, String data) throws IOException {
            if (broken) {
                throw new IOException("gone");
            }
            sent.add(eventName + " " + data);
        }

        @Override
        public void comment(String text) throws IOException {
            if (broken) {
                throw new IOException("gone");
            }
            sent.add(": " + text);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
