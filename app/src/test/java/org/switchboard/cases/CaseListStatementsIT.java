package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.unique;

import java.io.Closeable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.identity.TeamId;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/**
 * A case list costs a fixed number of SQL statements whatever the page size: no query per row for
 * customers, queues or assignees.
 */
@SwitchboardIntegrationTest
@Import({InMemoryQueues.class, StandInCollaborators.class, CaseListStatementsIT.CountingDataSource.class})
class CaseListStatementsIT {

    /** Statements prepared on the test's own thread while counting is on. */
    static final ThreadLocal<AtomicInteger> COUNTER = new ThreadLocal<>();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Cases cases;

    @Autowired
    org.switchboard.customer.Customers customers;

    @Test
    void aPageOfTwelveCostsAsManyStatementsAsAPageOfOne() {
        var api = new TestApi(port, jdbc);
        TestApi supervisor = api.as(api.createUser("supervisor"));
        QueueRef queue = InMemoryQueues.register("count", new TeamId(UUID.randomUUID()));
        for (int i = 0; i < 12; i++) {
            String id = CaseTests.create(supervisor, unique("Counted"), unique("n") + "@example.test", queue, "normal")
                    .get("id")
                    .asString();
            var agent = api.createUser("agent");
            supervisor.patch("/api/v1/cases/" + id, "{\"assignee\": \"" + agent.id() + "\"}");
        }
        CaseFilter filter = CaseFilter.all().withQueue(queue.id());

        int one = statements(
                () -> assertThat(cases.list(filter.withLimit(1), null).items()).hasSize(1));
        int twelve = statements(
                () -> assertThat(cases.list(filter.withLimit(12), null).items()).hasSize(12));

        assertThat(one).isPositive();
        assertThat(twelve).isEqualTo(one).isLessThanOrEqualTo(6);
    }

    @Test
    void openingACaseIsAHandfulOfStatements() {
        QueueRef queue = InMemoryQueues.register("open", new TeamId(UUID.randomUUID()));
        var customer = customers.identifyOrCreate(
                org.switchboard.customer.ChannelIdentity.email(unique("h") + "@example.test"), null);
        var command = new OpenCase(
                unique("Handful"),
                customer,
                queue.id(),
                Priority.HIGH,
                Channel.EMAIL,
                MessageDraft.text("hi"),
                null,
                null);

        int opened =
                statements(() -> assertThat(cases.open(command, null).status()).isEqualTo(CaseStatus.NEW));

        // case, activity, interaction, message and three event publications (plus the customer lookup)
        assertThat(opened).isBetween(4, 10);
    }

    private static int statements(Runnable action) {
        var counter = new AtomicInteger();
        COUNTER.set(counter);
        try {
            action.run();
        } finally {
            COUNTER.remove();
        }
        return counter.get();
    }

    /** Wraps the DataSource so connections count the statements they prepare. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CountingDataSource {

        @Bean
        static BeanPostProcessor countingDataSourcePostProcessor() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource) || !name.equals("dataSource")) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(
                            CountingDataSource.class.getClassLoader(),
                            new Class<?>[] {DataSource.class, Closeable.class},
                            (proxy, method, args) -> {
                                Object result = invoke(dataSource, method, args);
                                return result instanceof Connection connection ? counting(connection) : result;
                            });
                }
            };
        }

        private static Connection counting(Connection connection) {
            return (Connection) Proxy.newProxyInstance(
                    CountingDataSource.class.getClassLoader(),
                    new Class<?>[] {Connection.class},
                    (proxy, method, args) -> {
                        String name = method.getName();
                        AtomicInteger counter = COUNTER.get();
                        if (counter != null
                                && (name.equals("prepareStatement")
                                        || name.equals("createStatement")
                                        || name.equals("prepareCall"))) {
                            counter.incrementAndGet();
                        }
                        return invoke(connection, method, args);
                    });
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                if (method.getName().equals("close") && method.getDeclaringClass() == Closeable.class) {
                    ((AutoCloseable) target).close();
                    return null;
                }
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
