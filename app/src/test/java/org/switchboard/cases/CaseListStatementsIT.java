package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.switchboard.cases.CaseTests.unique;

import java.io.Closeable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;

/**
 * A case list costs a fixed number of SQL statements whatever the page size: no query per row for
 * customers, queues or assignees.
 */
@SwitchboardIntegrationTest
@Import(CaseListStatementsIT.CountingDataSource.class)
class CaseListStatementsIT {

    /** Statements prepared on the test's own thread while counting is on. */
    static final ThreadLocal<List<String>> COUNTER = new ThreadLocal<>();

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
        var world = RealQueues.on(api);
        var team = world.newTeam("Counting");
        String subject = unique("counted");
        for (int i = 0; i < 12; i++) {
            // every case has its own queue, customer and assignee: each is looked up for the page at once
            QueueRef queue = world.newQueue("count", team);
            String id = CaseTests.create(supervisor, subject + " " + i, unique("n") + "@example.test", queue, "normal")
                    .get("id")
                    .asString();
            var agent = api.createUser("agent");
            var assigned = supervisor.patch("/api/v1/cases/" + id, "{\"assignee\": \"" + agent.id() + "\"}");
            assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        }
        CaseFilter filter = CaseFilter.all().withQuery(subject);

        int one = statements(
                () -> assertThat(cases.list(filter.withLimit(1), null).items()).hasSize(1));
        int twelve = statements(
                () -> assertThat(cases.list(filter.withLimit(12), null).items())
                        .hasSize(12)
                        .extracting(c -> c.queue().id())
                        .doesNotHaveDuplicates());

        assertThat(one).isPositive();
        assertThat(twelve).isEqualTo(one).isLessThanOrEqualTo(6);
    }

    @Test
    void openingACaseIsAHandfulOfStatements() {
        QueueRef queue = RealQueues.on(new TestApi(port, jdbc)).newQueue("open");
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

        List<String> opened =
                prepared(() -> assertThat(cases.open(command, null).status()).isEqualTo(CaseStatus.NEW));

        // case, activity, interaction, message, one queue lookup, and the customer module's lookup of the
        // customer (three statements of its own); plus what modules listening to the case's events write
        // in its transaction — an event publication per asynchronous listener, the analytics log's batch
        // — which grows with the modules and is not the case core's own cost
        List<String> ownStatements = opened.stream()
                .filter(sql -> !sql.contains("EVENT_PUBLICATION") && !sql.contains("insert into interaction_event"))
                .toList();
        assertThat(ownStatements.size()).as(String.join("\n", opened)).isBetween(4, 8);
        assertThat(opened.stream().filter(sql -> sql.contains("from queue")))
                .as("the queue is read once, without its skills")
                .hasSize(1);
    }

    private static int statements(Runnable action) {
        return prepared(action).size();
    }

    /** The SQL prepared on this thread while {@code action} runs. */
    private static List<String> prepared(Runnable action) {
        var prepared = new java.util.concurrent.CopyOnWriteArrayList<String>();
        COUNTER.set(prepared);
        try {
            action.run();
        } finally {
            COUNTER.remove();
        }
        return prepared;
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
                        List<String> prepared = COUNTER.get();
                        if (prepared != null
                                && (name.equals("prepareStatement")
                                        || name.equals("createStatement")
                                        || name.equals("prepareCall"))) {
                            prepared.add(args != null && args.length > 0 ? String.valueOf(args[0]) : name);
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
