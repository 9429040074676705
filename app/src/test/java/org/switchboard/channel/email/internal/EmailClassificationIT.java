package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.switchboard.cases.CaseId;
import org.switchboard.channel.email.AutoAcknowledgement;
import org.switchboard.channel.email.BouncedReply;
import org.switchboard.channel.email.Classification;
import org.switchboard.channel.email.ClassificationContext;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailBlocklist;
import org.switchboard.channel.email.EmailClassifier;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.InboundDisposition;
import org.switchboard.channel.email.InboundFlag;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Role;
import org.switchboard.identity.UserId;
import org.switchboard.platform.SwitchboardIntegrationTest;

/** The filter chain against the real thread store, blocklist and auto-acknowledgement counter. */
@SwitchboardIntegrationTest
class EmailClassificationIT {

    @Autowired
    EmailClassifier classifier;

    @Autowired
    EmailThreading threading;

    @Autowired
    EmailBlocklist blocklist;

    private final MimeEmailParser parser = MimeEmailParser.withLimits(ParseLimits.DEFAULT);
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ClassificationContext context =
            ClassificationContext.of(Set.of("support@example.com"), Set.of("agent1@example.com"));

    private ParsedEmail mail(String raw) {
        return ((ParseOutcome.Parsed) parser.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))).email();
    }

    private Classification classify(String raw) {
        return classifier.classify(mail(raw), context);
    }

    @Test
    void aPlainCustomerMailOpensACaseAndIsAcknowledgedWithinTheRateLimit() {
        String raw = "From: Ana <ana-" + run + "@example.org>\nSubject: help\n\nplease\n";
        Classification c = classify(raw);
        assertThat(c.disposition()).isEqualTo(InboundDisposition.CASE);
        assertThat(c.flags()).isEmpty();
        assertThat(c.customer()).isEqualTo(new EmailAddress("ana-" + run + "@example.org", "Ana"));

        ParsedEmail email = mail(raw);
        for (int i = 0; i < 3; i++) {
            assertThat(classifier.autoAcknowledgement(email, c, true).send()).isTrue();
        }
        AutoAcknowledgement fourth = classifier.autoAcknowledgement(email, c, true);
        assertThat(fourth.send()).isFalse();
        assertThat(fourth.reason()).startsWith("rate limit: 3");
        assertThat(classifier.autoAcknowledgement(email, c, false).reason()).isEqualTo("reply to an existing case");
    }

    @Test
    void autoRepliesBulkAndListMailAreFlaggedAndNeverAcknowledged() {
        Classification ooo =
                classify("From: bob@example.org\nAuto-Submitted: auto-replied\nSubject: Out of office\n\nx\n");
        assertThat(ooo.flags()).contains(InboundFlag.AUTO_SUBMITTED);
        assertThat(classifier
                        .autoAcknowledgement(mail("From: bob@example.org\n\nx\n"), ooo, true)
                        .send())
                .isFalse();

        assertThat(classify("From: bob@example.org\nX-Autoreply: yes\n\nx\n").flags())
                .contains(InboundFlag.AUTO_SUBMITTED);
        assertThat(classify("From: bob@example.org\nAuto-Submitted: no\n\nx\n").flags())
                .isEmpty();
        assertThat(classify("From: news@example.org\nPrecedence: bulk\n\nx\n").flags())
                .contains(InboundFlag.BULK);
        assertThat(classify("From: l@example.org\nList-Id: <dev.lists.example.org>\n\nx\n")
                        .flags())
                .contains(InboundFlag.MAILING_LIST);
        Classification loop = classify("From: support@example.com\n\nx\n");
        assertThat(loop.flags()).contains(InboundFlag.LOOP);
        assertThat(loop.disposition()).isEqualTo(InboundDisposition.DISCARD);
    }

    @Test
    void aBounceOfOurReplyAttachesToItsCaseAndNamesTheFailedReply() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        String ours = "reply-" + run + "@switchboard.example.com";
        threading.recordSent(ours, caseId, null, List.of(), "Re: help", List.of(EmailAddress.of("bob@example.org")));

        Classification c = classify("""
                From: MAILER-DAEMON@mx.example.net
                Subject: Undelivered Mail Returned to Sender
                Content-Type: multipart/report; report-type=delivery-status; boundary=r

                --r
                Content-Type: text/plain

                sorry
                --r
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; bob@example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 user unknown

                --r
                Content-Type: text/rfc822-headers

                Message-ID: <%s>
                --r--
                """.formatted(ours));

        assertThat(c.disposition()).isEqualTo(InboundDisposition.ATTACH_TO_ORIGINAL);
        assertThat(c.reportedCase()).isEqualTo(caseId);
        assertThat(c.bouncedReplies())
                .containsExactly(new BouncedReply(
                        ours, caseId, null, List.of("bob@example.org"), "5.1.1 smtp; 550 user unknown"));
        assertThat(classifier
                        .autoAcknowledgement(mail("From: MAILER-DAEMON@mx.example.net\n\nx\n"), c, true)
                        .send())
                .isFalse();
    }

    @Test
    void aNonStandardBounceIsStillRecognised() {
        CaseId caseId = new CaseId(UUID.randomUUID());
        String ours = "reply2-" + run + "@switchboard.example.com";
        threading.recordSent(ours, caseId, null, List.of(), "Re: x", List.of());
        Classification c = classify("From: postmaster@old.example.net\nSubject: failure notice\n\n"
                + "Hi. This is the qmail-send program.\n\n--- Below this line is a copy of the message.\n\n"
                + "Message-ID: <" + ours + ">\nSubject: Re: x\n");
        assertThat(c.reportedCase()).isEqualTo(caseId);
        assertThat(c.bouncedReplies())
                .singleElement()
                .extracting(BouncedReply::messageId)
                .isEqualTo(ours);
    }

    @Test
    void aMailClaimingAnAgentAddressIsFlaggedAndAnAgentsForwardBelongsToTheOriginalSender() {
        Classification spoof = classify("From: agent1@example.com\nSubject: give me a refund\n\nI am the agent\n");
        assertThat(spoof.flags()).contains(InboundFlag.CLAIMS_AGENT_ADDRESS);
        assertThat(spoof.claimedAgentAddress()).isEqualTo("agent1@example.com");

        Classification forward = classify("""
                From: Agent One <agent1@example.com>
                Subject: Fwd: broken order

                Please handle.

                ---------- Forwarded message ---------
                From: Carla Diaz <carla@customer.example>
                Date: Mon, 23 Nov 2026
                Subject: broken order

                It arrived broken.
                """);
        assertThat(forward.flags())
                .contains(InboundFlag.FORWARDED_BY_AGENT)
                .doesNotContain(InboundFlag.CLAIMS_AGENT_ADDRESS);
        assertThat(forward.customer()).isEqualTo(new EmailAddress("carla@customer.example", "Carla Diaz"));
        assertThat(forward.forwardingAgent()).isEqualTo("agent1@example.com");
    }

    @Test
    void failedAuthenticationAndSpamFlagsAreMarked() {
        Classification dmarc = classify("""
                Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=x.org; dkim=fail header.d=x.org; dmarc=fail header.from=x.org
                Authentication-Results: other.example; dmarc=pass
                From: ceo@x.org

                pay now
                """);
        assertThat(dmarc.authentication().spf()).isEqualTo("pass");
        assertThat(dmarc.authentication().dkim()).isEqualTo("fail");
        assertThat(dmarc.authentication().dmarc()).isEqualTo("fail");
        assertThat(dmarc.flags()).contains(InboundFlag.AUTHENTICATION_FAILED);

        Classification ok =
                classify("Authentication-Results: mx; spf=pass; dkim=pass; dmarc=pass\nFrom: a@x.org\n\nx\n");
        assertThat(ok.flags()).doesNotContain(InboundFlag.AUTHENTICATION_FAILED);

        Classification spam = classify("From: a@x.org\nX-Spam-Flag: YES\nX-Spam-Status: Yes, score=9.1\n\nx\n");
        assertThat(spam.flags()).contains(InboundFlag.SPAM);
        assertThat(spam.spamReason()).isEqualTo("X-Spam-Flag: YES");
        assertThat(classify("From: a@x.org\nX-Spam-Status: No, score=0.1\n\nx\n")
                        .flags())
                .doesNotContain(InboundFlag.SPAM);
    }

    @Test
    void blockedSendersAndDomainsAreDiscarded() {
        Actor admin = new Actor(new UserId(UUID.randomUUID()), "admin-" + run, "Admin", Role.ADMIN, Set.of());
        blocklist.add("@spam-" + run + ".example", "bulk offers", admin);

        Classification c = classify("From: offers@mail.spam-" + run + ".example\n\nbuy\n");
        assertThat(c.flags()).contains(InboundFlag.BLOCKED);
        assertThat(c.blockedBy()).isEqualTo("spam-" + run + ".example");
        assertThat(c.disposition()).isEqualTo(InboundDisposition.DISCARD);
        assertThat(classify("From: friend@not-spam-" + run + ".example\n\nhi\n").flags())
                .doesNotContain(InboundFlag.BLOCKED);
    }
}
