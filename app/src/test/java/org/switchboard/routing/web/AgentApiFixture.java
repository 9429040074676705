package org.switchboard.routing.web;

import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.platform.TestApi;

/**
 * What the routing API tests that need one signed-in user share (the simulation and staffing endpoints
 * are open to any signed-in user): the API as nobody and as a new user, and the fields a 400 problem names.
 * Subclasses are {@code @SwitchboardIntegrationTest}s.
 */
abstract class AgentApiFixture {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    /** The API without credentials. */
    TestApi anonymous;

    /** The API as a freshly created user. */
    TestApi agent;

    @BeforeEach
    void signIn() {
        anonymous = new TestApi(port, jdbc);
        agent = anonymous.as(anonymous.createUser("agent"));
    }

    /** The {@code errors[].field} values of a problem response. */
    static List<String> fields(TestApi.Response response) {
        return StreamSupport.stream(response.json().get("errors").spliterator(), false)
                .map(e -> e.get("field").asString())
                .toList();
    }
}
