package org.switchboard.channel.email.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboundLanesTest {

    private static InboundLanes.Row row(UUID id, String header) {
        return new InboundLanes.Row(id, (header + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final UUID C = UUID.randomUUID();
    private static final UUID D = UUID.randomUUID();

    @Test
    void unrelatedMessagesGetLanesOfTheirOwn() {
        var lanes = InboundLanes.of(List.of(
                row(A, "From: a@x.test\r\nSubject: one\r\nMessage-ID: <1@x>"),
                row(B, "From: b@x.test\r\nSubject: two\r\nMessage-ID: <2@x>")));

        assertThat(lanes).containsExactly(List.of(A), List.of(B));
    }

    @Test
    void aReplyFetchedWithItsParentFollowsItInItsLane() {
        var lanes = InboundLanes.of(List.of(
                row(A, "From: a@x.test\r\nSubject: parcel\r\nMessage-ID: <1@x>"),
                row(B, "From: z@y.test\r\nSubject: other\r\nMessage-ID: <9@y>"),
                row(C, "From: c@x.test\r\nSubject: x\r\nMessage-ID: <3@x>\r\nReferences: <0@x>\r\n <1@X>")));

        assertThat(lanes).containsExactly(List.of(A, C), List.of(B));
    }

    @Test
    void twoRepliesToAnUnseenMessageShareALaneAndSoDoesEveryMailOfOneSender() {
        var lanes = InboundLanes.of(List.of(
                row(A, "From: a@x.test\r\nSubject: r1\r\nIn-Reply-To: <gone@x>"),
                row(B, "From: b@x.test\r\nSubject: r2\r\nReferences: <gone@x>"),
                row(C, "From: \"Customer\" <Same@X.test>\r\nSubject: s1"),
                row(D, "Reply-To: same@x.test\r\nFrom: other@x.test\r\nSubject: s2")));

        assertThat(lanes).containsExactly(List.of(A, B), List.of(C, D));
    }

    @Test
    void theSameSubjectWithoutReplyPrefixesSharesALane() {
        var lanes = InboundLanes.of(List.of(
                row(A, "From: a@x.test\r\nSubject: Parcel lost"),
                row(B, "From: b@x.test\r\nSubject: RE: Fwd: parcel lost")));

        assertThat(lanes).containsExactly(List.of(A, B));
    }

    @Test
    void theBodyIsNotReadForKeys() {
        assertThat(InboundLanes.keys(
                        "From: a@x.test\r\n\r\nMessage-ID: <in-body@x>\r\n".getBytes(StandardCharsets.UTF_8)))
                .containsExactly("address:a@x.test");
    }

    @Test
    void uidRunsAreWrittenAsRanges() {
        assertThat(MailboxSync.uidSet(List.of(4L, 5L, 6L, 9L, 12L, 13L))).isEqualTo("4:6,9,12:13");
        assertThat(MailboxSync.uidSet(List.of(7L))).isEqualTo("7");
    }
}
