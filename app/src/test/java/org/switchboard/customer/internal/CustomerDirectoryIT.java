package org.switchboard.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerSearch;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;
import org.switchboard.platform.NotFoundException;
import org.switchboard.platform.SwitchboardIntegrationTest;

/** The {@link Customers} facade as other modules call it. */
@SwitchboardIntegrationTest
class CustomerDirectoryIT {

    @Autowired
    Customers customers;

    private final Actor supervisor =
            new Actor(new UserId(UUID.randomUUID()), "sup", "Supervisor", Role.SUPERVISOR, Set.of());

    private static CustomerDetails named(String name, String tier) {
        return new CustomerDetails(name, null, null, null, null, tier, List.of(), null);
    }

    @Test
    void aMergedIdResolvesToItsSurvivorEverywhere() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var keep = customers.create(
                named("Keep " + run, "gold"), List.of(ChannelIdentity.email("k-" + run + "@example.test")));
        var older = customers.create(named("Older " + run, null), List.of());
        var dup = customers.create(named("Dup " + run, null), List.of(ChannelIdentity.chatVisitor("v-" + run)));
        // an earlier merge into the duplicate follows it when the duplicate itself is merged
        customers.merge(dup.id(), older.id(), null, supervisor);
        customers.merge(keep.id(), dup.id(), null, supervisor);

        var found = customers.findAll(List.of(keep.id(), dup.id(), older.id(), new CustomerId(UUID.randomUUID())));

        assertThat(found).containsOnlyKeys(keep.id(), dup.id(), older.id());
        assertThat(found.values()).allSatisfy(summary -> {
            assertThat(summary.id()).isEqualTo(keep.id());
            assertThat(summary.tier()).isEqualTo("gold");
            assertThat(summary.tierValue()).isEqualTo(10);
        });
        assertThat(customers.find(older.id()).orElseThrow().id()).isEqualTo(keep.id());
        assertThat(customers.profile(dup.id()).identities()).hasSize(2);
        assertThat(customers.identify(ChannelIdentity.chatVisitor("v-" + run))).contains(keep.id());
        assertThat(customers
                        .search(new CustomerSearch("keep " + run, null, null, null), 50, null)
                        .items())
                .extracting(s -> s.id())
                .containsExactly(keep.id());
        assertThat(customers
                        .search(new CustomerSearch("dup " + run, null, null, null), 50, null)
                        .items())
                .isEmpty();
    }

    @Test
    void anUnknownCustomerIsNotFound() {
        assertThat(customers.find(new CustomerId(UUID.randomUUID()))).isEmpty();
        assertThatThrownBy(() -> customers.profile(new CustomerId(UUID.randomUUID())))
                .isInstanceOf(NotFoundException.class);
    }
}
