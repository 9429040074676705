package org.switchboard.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.switchboard.platform.TestApi;
import tools.jackson.databind.JsonNode;

/** Builders shared by the case integration tests. */
final class CaseTests {

    private CaseTests() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String createJson(String subject, String email, String queue, String priority) {
        return """
                {"subject": "%s", "customer": {"email": "%s"}, "queue": "%s", "priority": "%s",
                 "message": {"text": "Hello, my invoice is wrong."}}""".formatted(subject, email, queue, priority);
    }

    /** Creates a case as {@code api}'s user and returns the response body. */
    static JsonNode create(TestApi api, String subject, String email, QueueRef queue, String priority) {
        var response = api.post("/api/v1/cases", createJson(subject, email, queue.name(), priority));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.json();
    }

    static JsonNode create(TestApi api, QueueRef queue) {
        return create(api, unique("Invoice"), unique("customer") + "@example.test", queue, "normal");
    }
}
