package org.switchboard.channel.email.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.RealQueues;
import org.switchboard.channel.email.EmailIngestion;
import org.switchboard.channel.email.TestMailServer;
import org.switchboard.desk.Browser;
import org.switchboard.desk.CasePage;
import org.switchboard.desk.LoginPage;
import org.switchboard.platform.SwitchboardIntegrationTest;
import org.switchboard.platform.TestApi;
import org.switchboard.platform.TestApi.TestUser;

/**
 * Email HTML on the case page: an inline {@code cid:} image is shown from the case's stored attachment,
 * a remote image is not loaded until an agent shows the message's remote images (audited), and scripts
 * and event handlers never reach the page — over HTTP and in a real headless Chromium.
 */
@SwitchboardIntegrationTest
class EmailHtmlDisplayIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EmailIngestion ingestion;

    TestMailServer mail;
    HttpServer remote;
    final AtomicInteger remoteHits = new AtomicInteger();
    TestApi api;
    TestUser adminUser;
    String support;
    String run = UUID.randomUUID().toString().substring(0, 8);
    String caseId;
    String caseNumber;
    String messageId;
    byte[] png;

    @BeforeEach
    void setUp() throws Exception {
        png = png();
        remote = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        remote.createContext("/track.png", exchange -> {
            remoteHits.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, png.length);
            exchange.getResponseBody().write(png);
            exchange.close();
        });
        remote.start();
        mail = TestMailServer.start();
        api = new TestApi(port, jdbc);
        var queues = RealQueues.on(api);
        var queue = queues.newQueue("html");
        adminUser = api.createUser("admin");
        support = "html-" + run + "@example.test";
        mail.createMailbox(api.as(adminUser), support, queue.name());

        String mid = "html-" + run + "@customer.test";
        String remoteUrl = "http://127.0.0.1:" + remote.getAddress().getPort() + "/track.png";
        String html = """
                <html><body><p id="greeting">Hello, the label is attached.</p>
                <p><img src="cid:label-%1$s@customer.test" alt="label"></p>
                <p><img src="%2$s" alt="tracker"></p>
                <script>window.__injected = 'script';</script>
                <img src="x" onerror="window.__injected = 'onerror'">
                <a href="javascript:window.__injected = 'href'" onclick="window.__injected = 'onclick'">link</a>
                <div onmouseover="window.__injected = 'onmouseover'" style="background: url(%2$s)">hover</div>
                </body></html>""".formatted(run, remoteUrl);
        String raw = """
                From: Ana Lima <ana-%1$s@customer.test>\r
                To: %2$s\r
                Subject: Label photo\r
                Message-ID: <%3$s>\r
                MIME-Version: 1.0\r
                Content-Type: multipart/related; boundary="rel"\r
                \r
                --rel\r
                Content-Type: text/html; charset=UTF-8\r
                \r
                %4$s\r
                --rel\r
                Content-Type: image/png\r
                Content-ID: <label-%1$s@customer.test>\r
                Content-Disposition: inline; filename="label.png"\r
                Content-Transfer-Encoding: base64\r
                \r
                %5$s\r
                --rel--\r
                """.formatted(
                        run,
                        support,
                        mid,
                        html.replace("\n", "\r\n"),
                        Base64.getMimeEncoder().encodeToString(png));
        MimeMessage message =
                new MimeMessage(mail.smtpSession(), new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
                    @Override
                    protected void updateMessageID() {
                        // keep the raw Message-ID
                    }
                };
        Transport.send(message, new InternetAddress[] {new InternetAddress(support)});
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    ingestion.ingestNow(support);
                    return jdbc.sql("select count(*) from email_inbound where message_id = ? and status = 'ingested'")
                                    .param(mid)
                                    .query(Long.class)
                                    .single()
                            == 1;
                });
        var row = jdbc.sql(
                        "select case_id::text as c, case_message_id::text as m from email_inbound where message_id = ?")
                .param(mid)
                .query((rs, n) -> new String[] {rs.getString("c"), rs.getString("m")})
                .single();
        caseId = row[0];
        messageId = row[1];
        caseNumber = api.as(adminUser)
                .get("/api/v1/cases/" + caseId)
                .json()
                .get("number")
                .asString();
    }

    @AfterEach
    void tearDown() {
        mail.stop();
        remote.stop(0);
    }

    @Test
    void theBodyShowsTheCidImageFromTheCaseAndHoldsRemoteImagesUntilAllowed() throws Exception {
        var pages = SignedInPages.signIn(port, adminUser);
        HttpClient http = pages.client();
        String base = pages.base();

        var page = pages.get("/cases/" + caseNumber);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/email/messages/" + messageId + "/body");

        var body = pages.get("/email/messages/" + messageId + "/body");
        assertThat(body.statusCode()).isEqualTo(200);
        String attachmentId = jdbc.sql("select id::text from case_attachment where message_id = ?::uuid")
                .param(messageId)
                .query(String.class)
                .single();
        String cidUrl = "/cases/" + caseId + "/attachments/" + attachmentId;
        assertThat(body.body())
                .contains("src=\"" + cidUrl + "\"")
                .contains("data-remote-src=\"http://127.0.0.1:")
                .contains("data-remote-images=\"blocked\"")
                .doesNotContain(" src=\"http://127.0.0.1:" + remote.getAddress().getPort())
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("onmouseover")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("url(");
        var image = http.send(
                HttpRequest.newBuilder(URI.create(base + cidUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(image.body()).isEqualTo(png);

        // without a session: no image, no body
        HttpClient anonymous = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        assertThat(anonymous
                        .send(
                                HttpRequest.newBuilder(URI.create(base + cidUrl))
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isIn(302, 401, 403);

        var shown = http.send(
                HttpRequest.newBuilder(URI.create(base + "/email/messages/" + messageId + "/remote-images"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-CSRF-TOKEN", SignedInPages.csrf(page.body()))
                        .header("HX-Request", "true")
                        .POST(HttpRequest.BodyPublishers.ofString(""))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body())
                .contains(" src=\"http://127.0.0.1:" + remote.getAddress().getPort() + "/track.png\"")
                .contains("data-remote-images=\"shown\"")
                .doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("onerror");
        assertThat(pages.get("/email/messages/" + messageId + "/body").body())
                .as("remembered for the message")
                .contains(" src=\"http://127.0.0.1:");
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'email.remote_images.shown' and entity_id = ?")
                        .param(messageId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void inTheBrowserTheCidImageLoadsAndTheRemoteImageOnlyAfterTheAgentAllowsIt() {
        try (Browser browser = Browser.start()) {
            var driver = browser.driver();
            LoginPage.open(driver, "http://localhost:" + port).signIn(adminUser.username(), TestApi.PASSWORD);
            CasePage.open(driver, "http://localhost:" + port, caseNumber);
            var wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String bodySelector = "#email-body-" + messageId;
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(bodySelector + " img[alt=label]")));
            JavascriptExecutor js = driver;
            wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                    "const i = document.querySelector(arguments[0]); return i.complete && i.naturalWidth > 0;",
                    bodySelector + " img[alt=label]")));
            assertThat(driver.findElement(By.cssSelector("#timeline")).getText())
                    .contains("Hello, the label is attached.");
            assertThat(driver.findElements(By.cssSelector(bodySelector + " img[data-remote-src]")))
                    .hasSize(1);
            assertThat(
                            js.executeScript(
                                    "return document.querySelectorAll("
                                            + "'#timeline script, #timeline [onerror], #timeline [onclick], #timeline [onmouseover]').length"))
                    .isEqualTo(0L);
            assertThat(js.executeScript("return window.__injected === undefined"))
                    .isEqualTo(true);
            assertThat(remoteHits.get()).as("the remote image is not loaded").isZero();

            driver.findElement(By.cssSelector(bodySelector + " .show-remote-images"))
                    .click();
            wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector(bodySelector + "[data-remote-images=shown] img[alt=tracker][src]")));
            wait.until(d -> Boolean.TRUE.equals(js.executeScript(
                    "const i = document.querySelector(arguments[0]); return i.complete && i.naturalWidth > 0;",
                    bodySelector + " img[alt=tracker]")));
            assertThat(remoteHits.get()).as("loaded once allowed").isPositive();
            assertThat(js.executeScript("return window.__injected === undefined"))
                    .isEqualTo(true);
        }
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
