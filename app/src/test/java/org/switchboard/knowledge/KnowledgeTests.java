package org.switchboard.knowledge;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.switchboard.platform.TestApi;

/** Helpers of the knowledge integration tests. */
final class KnowledgeTests {

    private KnowledgeTests() {}

    static String article(String title, String body, String language, String audience) {
        return """
                {"title": %s, "body": %s, "language": "%s", "audience": "%s", "tags": ["printing"]}""".formatted(quote(title), quote(body), language, audience);
    }

    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A multipart POST of files (name, bytes pairs) plus form fields. */
    static TestApi.Response upload(TestApi api, TestApi.TestUser user, String path, String[] fields, Object... files) {
        String boundary = "----knowledge" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                            + fields[i + 1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        for (int i = 0; i + 1 < files.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + files[i] + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes((byte[]) files[i + 1]);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        String credentials = Base64.getEncoder()
                .encodeToString((user.username() + ":" + TestApi.PASSWORD).getBytes(StandardCharsets.UTF_8));
        var request = HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return api.send(request);
    }
}
