package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.switchboard.channel.email.DeliveryReport;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailAttachment;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;

class MimeEmailParserTest {

    private final MimeEmailParser parser = MimeEmailParser.withLimits(ParseLimits.DEFAULT);

    private ParsedEmail parse(String raw) {
        return parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private ParsedEmail parse(byte[] raw) {
        ParseOutcome outcome = parser.parse(raw);
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) outcome).email();
    }

    @Test
    void alternativeWithRelatedHtmlAndAnInlineImageByCid() {
        String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        ParsedEmail email = parse("""
                From: =?UTF-8?Q?Ana_Mar=C3=ADa?= <Ana@Example.COM>
                To: support@example.com, "Bob, B." <bob@example.com>
                Cc: undisclosed-recipients:;
                Subject: =?ISO-8859-1?Q?Caf=E9?= order
                Date: Tue, 24 Nov 2026 10:15:00 +0100 (CET)
                Message-ID: <a1@mail.example.com>
                In-Reply-To: <x0@example.com>
                References: <r1@example.com>
                 <x0@example.com> <r1@example.com>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt"

                --alt
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                Caf=C3=A9 for two.
                --alt
                Content-Type: multipart/related; boundary=rel

                --rel
                Content-Type: text/html; charset=utf-8

                <p>Caf\u00e9 <img src="cid:logo@x"></p>
                --rel
                Content-Type: image/png
                Content-ID: <logo@x>
                Content-Transfer-Encoding: base64

                %s
                --rel--
                --alt--
                """.formatted(png).replace("\u00e9", "\u00c3\u00a9"));

        assertThat(email.from()).isEqualTo(new EmailAddress("ana@example.com", "Ana María"));
        assertThat(email.to())
                .extracting(EmailAddress::address)
                .containsExactly("support@example.com", "bob@example.com");
        assertThat(email.subject()).isEqualTo("Café order");
        assertThat(email.date()).hasToString("2026-11-24T09:15:00Z");
        assertThat(email.messageId()).isEqualTo("a1@mail.example.com");
        assertThat(email.inReplyTo()).containsExactly("x0@example.com");
        assertThat(email.references()).containsExactly("r1@example.com", "x0@example.com");
        assertThat(email.text()).isEqualTo("Café for two.");
        assertThat(email.html()).contains("<p>Café <img src=\"cid:logo@x\">");
        assertThat(email.attachments()).singleElement().satisfies(a -> {
            assertThat(a.inline()).isTrue();
            assertThat(a.contentId()).isEqualTo("logo@x");
            assertThat(a.filename()).isEqualTo("part-2.2.png");
            assertThat(a.content()).startsWith((byte) 0x89, (byte) 'P');
        });
        assertThat(email.structure().contentType()).isEqualTo("multipart/alternative");
        assertThat(email.structure().children().get(1).children())
                .extracting(p -> p.path())
                .containsExactly("2.1", "2.2");
        assertThat(email.defects()).isEmpty();
    }

    @Test
    void attachmentNamesInRfc2231AndRfc2047AreDecoded() {
        ParsedEmail email = parse("""
                From: a@example.com
                Subject: files
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: text/plain

                see attached
                --b
                Content-Type: application/pdf
                Content-Disposition: attachment;
                 filename*0*=UTF-8''%E2%82%AC%20Rechnung%20;
                 filename*1*=M%C3%A4rz.pdf
                Content-Transfer-Encoding: base64

                JVBERi0=
                --b
                Content-Type: text/plain; name="=?KOI8-R?B?8NLJ18XU?=.txt"
                Content-Disposition: attachment

                hi
                --b
                Content-Type: application/octet-stream
                Content-Disposition: attachment; filename*=iso-8859-1'fr'r%E9sum%E9.txt

                x
                --b
                Content-Type: application/octet-stream; name="..\\\\..\\\\evil.exe"

                y
                --b--
                """);

        assertThat(email.text()).isEqualTo("see attached");
        assertThat(email.attachments())
                .extracting(EmailAttachment::filename)
                .containsExactly("€ Rechnung März.pdf", "Привет.txt", "résumé.txt", "evil.exe");
        assertThat(email.attachments().getFirst().content()).asString().isEqualTo("%PDF-");
        assertThat(email.attachments()).noneMatch(EmailAttachment::inline);
    }

    @Test
    void everyCharsetTheJdkKnowsDecodesAndUnknownOnesFallBackWithADefect() {
        for (String charset :
                new String[] {"ISO-2022-JP", "Shift_JIS", "KOI8-R", "windows-1251", "Big5", "GB18030", "EUC-KR"}) {
            String text = charset.startsWith("KOI") || charset.startsWith("windows") ? "Здравствуйте" : "日本語テキスト";
            if (charset.equals("EUC-KR")) {
                text = "안녕하세요";
            }
            byte[] body = text.getBytes(Charset.forName(charset));
            byte[] head = ("From: a@example.com\r\nContent-Type: text/plain; charset=\"" + charset
                            + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                            + Base64.getMimeEncoder().encodeToString(body) + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertThat(parse(head).text()).as(charset).isEqualTo(text);
        }
        ParsedEmail koreanAlias =
                parse(("From: a@example.com\r\nContent-Type: text/plain; charset=ks_c_5601-1987\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        assertThat(koreanAlias.defects()).isEmpty();

        ParsedEmail unknown =
                parse("From: a@example.com\nContent-Type: text/plain; charset=x-klingon\n\nplain words\n");
        assertThat(unknown.text()).isEqualTo("plain words\r\n");
        assertThat(unknown.defects()).anyMatch(d -> d.contains("unknown charset 'x-klingon'"));
    }

    @Test
    void malformedMessagesAreParsedBestEffortWithDefects() {
        ParsedEmail email = parse("""
                From: a@example.com
                Date: yesterday-ish
                Content-Type: multipart/mixed; boundary=b
                Content-Transfer-Encoding: x-unheard-of

                --b
                Content-Type: text/plain

                first part, and the closing boundary never comes
                """);

        assertThat(email.text()).contains("first part");
        assertThat(email.date()).isNull();
        assertThat(email.defects()).anyMatch(d -> d.startsWith("unreadable Date"));
        assertThat(email.defects()).anyMatch(d -> d.startsWith("unknown Content-Transfer-Encoding"));
    }

    @Test
    void binaryDataAndOversizedHeadersAreUnparseable() {
        byte[] binary = {0, 1, 2, 3, 0, 0, 'x'};
        assertThat(parser.parse(binary))
                .isInstanceOfSatisfying(
                        ParseOutcome.Unparseable.class,
                        u -> assertThat(u.reason()).contains("binary data"));
        assertThat(parser.parse(new byte[0])).isInstanceOf(ParseOutcome.Unparseable.class);

        String hugeHeader = "From: a@example.com\r\nX-Junk: " + "a".repeat(2 * 1024 * 1024) + "\r\n\r\nbody\r\n";
        assertThat(parser.parse(hugeHeader.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(
                        ParseOutcome.Unparseable.class,
                        u -> assertThat(u.reason()).contains("header block"));

        var small = new ParseLimits(100, 50, 10, 10, 5, 100, 3);
        assertThat(parser.parse(
                        ("From: a@example.com\r\n\r\n" + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII), small))
                .isInstanceOfSatisfying(
                        ParseOutcome.Unparseable.class,
                        u -> assertThat(u.reason()).contains("exceeds the limit"));
    }

    @Test
    void attachmentsBeyondTheLimitStayInTheOriginalWithADefect() {
        StringBuilder raw =
                new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                        + "Content-Type: text/plain\r\n\r\nsee the files\r\n");
        for (int i = 1; i <= 5; i++) {
            raw.append("--b\r\nContent-Type: text/csv\r\nContent-Disposition: attachment; filename=part")
                    .append(i)
                    .append(".csv\r\n\r\nrow ")
                    .append(i)
                    .append("\r\n");
        }
        raw.append("--b--\r\n");
        var limited = MimeEmailParser.withLimits(new ParseLimits(1 << 20, 1 << 16, 100, 100, 10, 1 << 16, 3));

        var outcome = limited.parse(raw.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        ParsedEmail email = ((ParseOutcome.Parsed) outcome).email();
        assertThat(email.text()).contains("see the files");
        assertThat(email.attachments())
                .extracting(EmailAttachment::filename)
                .containsExactly("part1.csv", "part2.csv", "part3.csv");
        assertThat(email.defects())
                .contains("5 attachments: the first 3 are on the case, all are in the original message");
        assertThat(parse(raw.toString().getBytes(StandardCharsets.US_ASCII)).attachments())
                .as("within the default limit")
                .hasSize(5);
    }

    @Test
    void nestingBeyondTheDepthLimitIsSkippedWithADefect() {
        StringBuilder raw =
                new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
        int levels = 50;
        for (int i = 1; i < levels; i++) {
            raw.append("--b")
                    .append(i - 1)
                    .append("\r\nContent-Type: multipart/mixed; boundary=b")
                    .append(i)
                    .append("\r\n\r\n");
        }
        raw.append("--b").append(levels - 1).append("\r\nContent-Type: text/plain\r\n\r\ndeep\r\n");
        for (int i = levels - 1; i >= 0; i--) {
            raw.append("--b").append(i).append("--\r\n");
        }
        ParsedEmail email = parse(raw.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(email.defects()).containsExactly("nesting deeper than 20 levels skipped");
        assertThat(depth(email.structure())).isLessThanOrEqualTo(21);
    }

    private static int depth(org.switchboard.channel.email.EmailPart part) {
        return 1
                + part.children().stream()
                        .mapToInt(MimeEmailParserTest::depth)
                        .max()
                        .orElse(0);
    }

    @Test
    void partsBeyondThePartLimitAreSkippedWithADefect() {
        StringBuilder raw =
                new StringBuilder("From: a@example.com\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for (int i = 0; i < 3000; i++) {
            raw.append("--b\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        raw.append("--b--\r\n");
        ParsedEmail email = parse(raw.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(email.structure().children()).hasSize(ParseLimits.DEFAULT.maxParts() - 1);
        assertThat(email.defects()).contains("more than 2000 parts: the rest skipped");
    }

    @Test
    void deliveryStatusReadReceiptAndAbuseReportAreRecognised() {
        ParsedEmail dsn = parse("""
                From: MAILER-DAEMON@mx.example.net
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/report; report-type=delivery-status; boundary=r

                --r
                Content-Type: text/plain

                I'm sorry.
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; Bob@Example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 user unknown

                --r
                Content-Type: text/rfc822-headers

                Message-ID: <reply-1@switchboard.example.com>
                Subject: Re: help
                --r--
                """);
        assertThat(dsn.report())
                .isEqualTo(new DeliveryReport(
                        DeliveryReport.Kind.DELIVERY_STATUS,
                        "reply-1@switchboard.example.com",
                        java.util.List.of(new DeliveryReport.Recipient(
                                "bob@example.org", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown")),
                        null));
        assertThat(dsn.report().isFailure()).isTrue();

        ParsedEmail mdn = parse("""
                From: ana@example.com
                Subject: Read: help
                Content-Type: multipart/report; report-type=disposition-notification; boundary=m

                --m
                Content-Type: text/plain

                Your message was displayed.
                --m
                Content-Type: message/disposition-notification

                Final-Recipient: rfc822; ana@example.com
                Original-Message-ID: <reply-2@switchboard.example.com>
                Disposition: manual-action/MDN-sent-manually; displayed
                --m--
                """);
        assertThat(mdn.report().kind()).isEqualTo(DeliveryReport.Kind.READ_RECEIPT);
        assertThat(mdn.report().originalMessageId()).isEqualTo("reply-2@switchboard.example.com");
        assertThat(mdn.report().disposition()).isEqualTo("displayed");

        ParsedEmail arf = parse("""
                From: abuse@isp.example
                Subject: abuse report
                Content-Type: multipart/report; report-type=feedback-report; boundary=f

                --f
                Content-Type: text/plain

                This is an abuse report.
                --f
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                --f
                Content-Type: message/rfc822

                From: support@switchboard.example.com
                Message-ID: <reply-3@switchboard.example.com>
                Subject: hello

                body
                --f--
                """);
        assertThat(arf.report().kind()).isEqualTo(DeliveryReport.Kind.ABUSE_REPORT);
        assertThat(arf.report().originalMessageId()).isEqualTo("reply-3@switchboard.example.com");
        assertThat(arf.report().disposition()).isEqualTo("abuse");
        assertThat(arf.structure().children().get(2).children().getFirst().from())
                .isEqualTo(EmailAddress.of("support@switchboard.example.com"));
    }

    @Test
    void rawUtf8HeadersAreRead() {
        ParsedEmail email =
                parse("From: Jöran <jöran@例え.jp>\r\nSubject: Grüße 你好\r\n\r\nx\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(email.subject()).isEqualTo("Grüße 你好");
        assertThat(email.from().displayName()).isEqualTo("Jöran");
    }
}
