package org.switchboard.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How long the email parser (and the HTML sanitizer, for HTML mail) takes for hostile messages: 2,000
 * links, 50-level nesting, 10,000 parts, a 2 MB header; and for an ordinary 84 KB message for comparison.
 * Runs in-process against the application's classes ({@code bench/run-in-app HostileEmailParse [runs]});
 * the application's code is reached by name, so this module does not depend on the application jar.
 * Prints the median and the maximum of {@code runs} timed runs after as many warm-up runs.
 */
public final class HostileEmailParse {

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Class<?> limitsClass = Class.forName("org.switchboard.channel.email.ParseLimits");
        Object limits = limitsClass.getField("DEFAULT").get(null);
        Class<?> parserClass = Class.forName("org.switchboard.channel.email.internal.MimeEmailParser");
        Method withLimits = parserClass.getDeclaredMethod("withLimits", limitsClass);
        withLimits.setAccessible(true);
        Object parser = withLimits.invoke(null, limits);
        Method parse = parserClass.getMethod("parse", byte[].class);
        parse.setAccessible(true);
        Class<?> displayClass = Class.forName("org.switchboard.channel.email.internal.DisplayService");
        Constructor<?> displayNew = displayClass.getDeclaredConstructor(int.class);
        displayNew.setAccessible(true);
        Object display = displayNew.newInstance(2 << 20);
        Method sanitize = displayClass.getMethod("sanitize", String.class, Map.class, boolean.class);
        sanitize.setAccessible(true);

        Map<String, byte[]> messages = new java.util.LinkedHashMap<>();
        messages.put("ordinary 84 KB (plain + 16 KB HTML + 48 KB PDF)", ordinary());
        messages.put("2,000 links in HTML", links(2000));
        messages.put("50-level nesting", nested(50));
        messages.put("10,000 parts", parts(10_000));
        messages.put("2 MB header", bigHeader(2 << 20));

        System.out.printf("%-48s %10s %10s %10s  %s%n", "message", "bytes", "median ms", "max ms", "outcome");
        for (var e : messages.entrySet()) {
            byte[] raw = e.getValue();
            String outcome = "";
            for (int i = 0; i < runs; i++) {
                handle(parse, parser, sanitize, display, raw);
            }
            double[] ms = new double[runs];
            for (int i = 0; i < runs; i++) {
                long start = System.nanoTime();
                outcome = handle(parse, parser, sanitize, display, raw);
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            System.out.printf(
                    "%-48s %10d %10.2f %10.2f  %s%n", e.getKey(), raw.length, ms[runs / 2], ms[runs - 1], outcome);
        }
    }

    /** Parse, then sanitize the HTML body if there is one: what ingestion and display do per message. */
    private static String handle(Method parse, Object parser, Method sanitize, Object display, byte[] raw)
            throws Exception {
        Object outcome = parse.invoke(parser, raw);
        String kind = outcome.getClass().getSimpleName();
        if (kind.equals("Parsed")) {
            Object email = outcome.getClass().getMethod("email").invoke(outcome);
            String html = (String) email.getClass().getMethod("html").invoke(email);
            @SuppressWarnings("unchecked")
            List<String> defects =
                    (List<String>) email.getClass().getMethod("defects").invoke(email);
            if (html != null) {
                sanitize.invoke(display, html, Map.of(), false);
            }
            return "parsed" + (html != null ? " + sanitized" : "") + (defects.isEmpty() ? "" : ", defects: " + defects);
        }
        return "quarantined: " + outcome.getClass().getMethod("reason").invoke(outcome);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ordinary() {
        Random random = new Random(42);
        byte[] pdf = new byte[48 * 1024];
        random.nextBytes(pdf);
        StringBuilder html = new StringBuilder("<html><body>");
        while (html.length() < 16 * 1024) {
            html.append(
                    "<p>Your order <b>4711</b> has shipped. <a href=\"https://shop.example/track\">Track it</a>.</p>\r\n");
        }
        html.append("</body></html>");
        return ascii("From: Ana <ana@example.com>\r\nTo: support@example.com\r\nSubject: Order\r\n"
                + "Message-ID: <o1@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n"
                + "--m\r\nContent-Type: multipart/alternative; boundary=a\r\n\r\n"
                + "--a\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Your order 4711 has shipped.\r\n"
                + "--a\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n--a--\r\n"
                + "--m\r\nContent-Type: application/pdf; name=invoice.pdf\r\nContent-Disposition: attachment; filename=invoice.pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(pdf) + "\r\n--m--\r\n");
    }

    private static byte[] links(int n) {
        StringBuilder html = new StringBuilder("<html><body>");
        for (int i = 0; i < n; i++) {
            html.append("<a href=\"https://example.com/")
                    .append(i)
                    .append("?utm=")
                    .append(i)
                    .append("\" onclick=\"steal()\"><img src=\"https://tracker.example/")
                    .append(i)
                    .append(".gif\">link ")
                    .append(i)
                    .append("</a>\r\n");
        }
        html.append("</body></html>");
        return ascii(
                "From: spam@example.net\r\nSubject: links\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html);
    }

    private static byte[] nested(int levels) {
        StringBuilder raw = new StringBuilder(
                "From: a@example.net\r\nSubject: nested\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
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
        return ascii(raw.toString());
    }

    private static byte[] parts(int n) {
        StringBuilder raw = new StringBuilder(
                "From: a@example.net\r\nSubject: parts\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int i = 0; i < n; i++) {
            raw.append("--p\r\nContent-Type: text/plain\r\n\r\npart ").append(i).append("\r\n");
        }
        raw.append("--p--\r\n");
        return ascii(raw.toString());
    }

    private static byte[] bigHeader(int size) {
        List<String> lines = new ArrayList<>();
        int total = 0;
        int i = 0;
        while (total < size) {
            String line = "X-Filler-" + (i++) + ": " + "a".repeat(990) + "\r\n";
            lines.add(line);
            total += line.length();
        }
        return ascii("From: a@example.net\r\nSubject: header\r\n" + String.join("", lines) + "\r\nbody\r\n");
    }
}
