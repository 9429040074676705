package org.switchboard.customer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.CustomerDetails;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.Customers;
import org.switchboard.platform.SwitchboardIntegrationTest;

@SwitchboardIntegrationTest
class IdentifyOrCreateIT {

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentCallersWithOneNewIdentityGetOneCustomer() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        var identity = ChannelIdentity.email("race-" + run + "@example.test");
        int callers = 16;
        var start = new CountDownLatch(1);
        List<Future<CustomerId>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return customers.identifyOrCreate(identity, "Racer " + run);
                }));
            }
            start.countDown();
            var ids = new HashSet<CustomerId>();
            for (Future<CustomerId> result : results) {
                ids.add(result.get());
            }
            assertThat(ids).hasSize(1);
        }
        assertThat(jdbc.sql("select count(*) from customer where name = ?")
                        .param("Racer " + run)
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from customer_identity where value = ?")
                        .param(identity.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1L);
    }

    @Test
    void aKnownIdentityIsIdentifiedAndANewCustomerJoinsTheOrganizationOfItsEmailDomain() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String domain = "org-" + run + ".test";
        customers.create(
                new CustomerDetails("Admin", "Org " + run, domain, null, null, null, List.of(), null), List.of());

        CustomerId created = customers.identifyOrCreate(ChannelIdentity.email("New@" + domain), null);

        assertThat(customers.identifyOrCreate(ChannelIdentity.email("new@" + domain), "Other"))
                .isEqualTo(created);
        assertThat(customers.identify(ChannelIdentity.email("NEW@" + domain))).contains(created);
        var summary = customers.find(created).orElseThrow();
        assertThat(summary.name()).isEqualTo("new@" + domain);
        assertThat(summary.organization()).isEqualTo("Org " + run);
        assertThat(summary.email()).isEqualTo("new@" + domain);
        assertThat(summary.tier()).isEqualTo("standard");
        assertThat(customers.findAll(List.of(created, new CustomerId(UUID.randomUUID()))))
                .containsOnlyKeys(created);
    }
}
