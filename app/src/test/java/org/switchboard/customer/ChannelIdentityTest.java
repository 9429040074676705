package org.switchboard.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelIdentityTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+33 1 23 45 67 89     | +33123456789",
                "+1 (415) 555-0100     | +14155550100",
                "  +44-20-7946-0958    | +442079460958",
                "+49.30.123456         | +4930123456",
                "+12345678             | +12345678",
                "+123456789012345      | +123456789012345"
            })
    void phoneNumbersAreNormalizedToE164(String raw, String normalized) {
        assertThat(ChannelIdentity.phone(raw).value()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "0612345678", // no country code
                "+1234567", // 7 digits
                "+1234567890123456", // 16 digits
                "+0123456789", // country codes do not start with 0
                "+33 1 23 45 67 8x",
                "33123456789",
                " "
            })
    void phoneNumbersOutsideE164AreRefused(String raw) {
        assertThatThrownBy(() -> ChannelIdentity.phone(raw)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({
        "Alice@Example.COM, alice@example.com",
        "'  bob.smith+tag@mail.example.org ', bob.smith+tag@mail.example.org"
    })
    void emailAddressesAreTrimmedAndLowerCased(String raw, String normalized) {
        assertThat(ChannelIdentity.email(raw).value()).isEqualTo(normalized);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@", "@example.com", "alice@example", "al ice@example.com", "a@b@c.com"})
    void malformedEmailAddressesAreRefused(String raw) {
        assertThatThrownBy(() -> ChannelIdentity.email(raw))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("email");
    }

    @ParameterizedTest
    @CsvSource({"email, EMAIL", "phone, PHONE", "chat_visitor, CHAT_VISITOR", "portal_account, PORTAL_ACCOUNT"})
    void kindsHaveLowerCaseWireNames(String wire, ChannelIdentity.Kind kind) {
        assertThat(ChannelIdentity.Kind.fromWire(wire)).isEqualTo(kind);
        assertThat(kind.wireName()).isEqualTo(wire);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EMAIL", "fax", ""})
    void unknownKindsAreRefused(String wire) {
        assertThatThrownBy(() -> ChannelIdentity.Kind.fromWire(wire)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void chatVisitorIdsAreTrimmedAndKeepTheirCase() {
        assertThat(ChannelIdentity.chatVisitor("  Visitor-42 ").value()).isEqualTo("Visitor-42");
        assertThat(ChannelIdentity.email("a@example.com").emailDomain()).isEqualTo("example.com");
        assertThat(ChannelIdentity.phone("+33123456789").emailDomain()).isNull();
    }
}
