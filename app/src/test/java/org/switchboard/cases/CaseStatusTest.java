package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.switchboard.platform.InvalidInputException;

class CaseStatusTest {

    @Test
    void theLifecycleMovesForwardAndAllowsReopeningUntilClosed() {
        assertThat(CaseStatus.NEW.canChangeTo(CaseStatus.OPEN)).isTrue();
        assertThat(CaseStatus.OPEN.canChangeTo(CaseStatus.PENDING)).isTrue();
        assertThat(CaseStatus.PENDING.canChangeTo(CaseStatus.OPEN)).isTrue();
        assertThat(CaseStatus.PENDING.canChangeTo(CaseStatus.RESOLVED)).isTrue();
        assertThat(CaseStatus.RESOLVED.canChangeTo(CaseStatus.OPEN)).isTrue();
        assertThat(CaseStatus.RESOLVED.canChangeTo(CaseStatus.CLOSED)).isTrue();
    }

    @Test
    void closedIsFinalAndNothingGoesBackToNew() {
        assertThat(CaseStatus.CLOSED.next()).isEmpty();
        for (CaseStatus status : CaseStatus.values()) {
            assertThat(status.canChangeTo(CaseStatus.NEW)).isFalse();
        }
        assertThat(CaseStatus.RESOLVED.canChangeTo(CaseStatus.PENDING)).isFalse();
        assertThat(CaseStatus.OPEN.canChangeTo(CaseStatus.OPEN)).isFalse();
    }

    @Test
    void wireNamesAreLowerCaseWords() {
        assertThat(CaseStatus.PENDING.wire()).isEqualTo("pending");
        assertThat(PendingReason.WAITING_ON_THIRD_PARTY.wire()).isEqualTo("waiting_on_third_party");
        assertThat(Priority.of("URGENT")).isEqualTo(Priority.URGENT);
        assertThat(CaseSort.of("-priority")).isEqualTo(CaseSort.PRIORITY_DESC);
        assertThat(CaseSort.of(null)).isEqualTo(CaseSort.UPDATED_DESC);
    }

    @Test
    void unknownWireNamesNameTheirField() {
        assertThatThrownBy(() -> Priority.of("extreme"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.problems().getFirst().field()).isEqualTo("priority"));
        assertThatThrownBy(() -> CaseSort.of("sideways")).isInstanceOf(InvalidInputException.class);
    }
}
