package org.switchboard.channel.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.Channel;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.OpenCase;
import org.switchboard.cases.Priority;
import org.switchboard.channel.email.EmailAddress;
import org.switchboard.channel.email.EmailThreading;
import org.switchboard.channel.email.ParseLimits;
import org.switchboard.channel.email.ParseOutcome;
import org.switchboard.channel.email.ParsedEmail;
import org.switchboard.channel.email.ThreadResolution;
import org.switchboard.channel.email.ThreadedBy;
import org.switchboard.customer.ChannelIdentity;
import org.switchboard.customer.Customers;
import org.switchboard.platform.SwitchboardIntegrationTest;

/** Threading against the real thread store and real cases, one rule at a time, in the documented order. */
@SwitchboardIntegrationTest
class EmailThreadingIT {

    @Autowired
    EmailThreading threading;

    @Autowired
    Cases cases;

    @Autowired
    Customers customers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Clock clock;

    @Autowired
    InboundEmailProperties properties;

    private final MimeEmailParser parser = MimeEmailParser.withLimits(ParseLimits.DEFAULT);
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String id(String name) {
        return name + "." + run + "@mail.example.com";
    }

    private ParsedEmail mail(String headers) {
        String raw = "From: Ana <ana-" + run + "@example.com>\r\nTo: support@example.com\r\n" + headers
                + "\r\n\r\nHello\r\n";
        return ((ParseOutcome.Parsed) parser.parse(raw.getBytes(StandardCharsets.UTF_8))).email();
    }

    private CaseView openCase(String subject) {
        var customer = customers.identifyOrCreate(ChannelIdentity.email("ana-" + run + "@example.com"), "Ana");
        return cases.open(
                new OpenCase(
                        subject, customer, null, Priority.NORMAL, Channel.EMAIL, MessageDraft.text("x"), null, null),
                null);
    }

    @Test
    void aReplyToOurOwnMessageThreadsByInReplyTo() {
        CaseView c = openCase("Parcel lost");
        threading.recordSent(id("ours"), c.id(), null, List.of(), "Parcel lost", List.of(EmailAddress.of("ana@x.org")));

        ThreadResolution r = threading.resolve(mail(
                "Message-ID: <" + id("reply") + ">\r\nIn-Reply-To: <" + id("ours") + ">\r\nSubject: Re: Parcel lost"));

        assertThat(r).isEqualTo(new ThreadResolution.Existing(c.id(), ThreadedBy.IN_REPLY_TO, id("ours")));
    }

    @Test
    void anyKnownIdOfTheReferencesChainThreads() {
        CaseView c = openCase("Invoice");
        threading.recordReceived(
                mail("Message-ID: <" + id("first") + ">\r\nSubject: Invoice"), c.id(), null, ThreadedBy.NEW);

        // A CC'd manager answers a later message we never saw; only the root of References is known.
        ThreadResolution r =
                threading.resolve(mail("Message-ID: <" + id("manager") + ">\r\nIn-Reply-To: <" + id("unseen")
                        + ">\r\nReferences: <" + id("first") + "> <" + id("unseen") + ">\r\nSubject: Re: Invoice"));

        assertThat(r.threadedBy()).isEqualTo(ThreadedBy.REFERENCES);
        assertThat(((ThreadResolution.Existing) r).caseId()).isEqualTo(c.id());
    }

    @Test
    void messagesSharingAPhantomIdLandInOneCase() {
        ParsedEmail first = mail("Message-ID: <" + id("p1") + ">\r\nReferences: <" + id("phantom") + ">\r\nSubject: x");
        assertThat(threading.resolve(first).threadedBy()).isEqualTo(ThreadedBy.NEW);
        CaseView c = openCase("x");
        threading.recordReceived(first, c.id(), null, ThreadedBy.NEW);

        ParsedEmail second =
                mail("Message-ID: <" + id("p2") + ">\r\nIn-Reply-To: <" + id("phantom") + ">\r\nSubject: y");

        assertThat(threading.resolve(second))
                .isEqualTo(new ThreadResolution.Existing(c.id(), ThreadedBy.REFERENCES, id("phantom")));
        assertThat(threading.find(id("phantom")).orElseThrow().kind()).isEqualTo("phantom");
    }

    @Test
    void aParentArrivingAfterItsReplyJoinsTheReplysCase() {
        ParsedEmail child =
                mail("Message-ID: <" + id("child") + ">\r\nIn-Reply-To: <" + id("parent") + ">\r\nSubject: Re: q");
        CaseView c = openCase("q");
        threading.recordReceived(child, c.id(), null, ThreadedBy.NEW);

        ParsedEmail parent = mail("Message-ID: <" + id("parent") + ">\r\nSubject: q");
        ThreadResolution r = threading.resolve(parent);

        assertThat(r).isEqualTo(new ThreadResolution.Existing(c.id(), ThreadedBy.REFERENCES, id("parent")));
        threading.recordReceived(parent, c.id(), null, r.threadedBy());
        assertThat(threading.find("<" + id("parent") + ">").orElseThrow().kind())
                .isEqualTo("received");
    }

    @Test
    void aLateParentThatAlsoRepliesToAnotherCaseNamesBothCases() {
        CaseView older = openCase("root");
        threading.recordReceived(
                mail("Message-ID: <" + id("root") + ">\r\nSubject: root"), older.id(), null, ThreadedBy.NEW);
        CaseView split = openCase("orphan");
        threading.recordReceived(
                mail("Message-ID: <" + id("orphan") + ">\r\nIn-Reply-To: <" + id("middle") + ">\r\nSubject: Re: root"),
                split.id(),
                null,
                ThreadedBy.NEW);

        ThreadResolution r = threading.resolve(
                mail("Message-ID: <" + id("middle") + ">\r\nIn-Reply-To: <" + id("root") + ">\r\nSubject: Re: root"));

        assertThat(r)
                .isEqualTo(new ThreadResolution.Existing(
                        older.id(), ThreadedBy.IN_REPLY_TO, id("root"), List.of(split.id())));
    }

    @Test
    void theCaseTokenInTheSubjectThreadsWhenNoIdIsKnown() {
        CaseView c = openCase("Broken screen");

        ThreadResolution r = threading.resolve(
                mail("Message-ID: <" + id("t") + ">\r\nSubject: AW: Broken screen [" + c.number() + "]"));

        assertThat(r)
                .isEqualTo(new ThreadResolution.Existing(c.id(), ThreadedBy.SUBJECT_TOKEN, "[" + c.number() + "]"));
        assertThat(threading.resolve(mail("Subject: [SB-99999999] nothing")).threadedBy())
                .isEqualTo(ThreadedBy.NEW);
    }

    @Test
    void aSignedReplyAddressThreadsAndAForgedOneDoesNot() {
        CaseView c = openCase("Refund");
        String address = threading.replyAddress("support+billing@example.com", c.number());
        assertThat(address)
                .startsWith("support+c-" + c.number().toLowerCase() + "-")
                .endsWith("@example.com");
        assertThat(threading.caseNumberOfReplyAddress(address)).contains(c.number());

        ParsedEmail viaReplyAddress = mail("Cc: \"Support\" <" + address + ">\r\nSubject: refund please");
        assertThat(threading.resolve(viaReplyAddress))
                .isEqualTo(new ThreadResolution.Existing(c.id(), ThreadedBy.REPLY_ADDRESS, address));

        String forged = address.replaceFirst("-[a-z2-7]{8}@", "-aaaaaaaa@");
        assertThat(threading.caseNumberOfReplyAddress(forged)).isEmpty();
        assertThat(threading
                        .resolve(mail("Delivered-To: " + forged + "\r\nSubject: refund"))
                        .threadedBy())
                .isEqualTo(ThreadedBy.NEW);
    }

    @Test
    void theSubjectHeuristicIsOffByDefaultAndMatchesSubjectAndParticipantWhenOn() {
        CaseView c = openCase("Router keeps rebooting " + run);
        threading.recordReceived(
                mail("Message-ID: <" + id("h1") + ">\r\nSubject: Router keeps rebooting " + run),
                c.id(),
                null,
                ThreadedBy.NEW);
        ParsedEmail again = mail("Message-ID: <" + id("h2") + ">\r\nSubject: RE: Fwd: router keeps  rebooting " + run);

        assertThat(properties.threading().subjectHeuristic()).isFalse();
        assertThat(threading.resolve(again).threadedBy()).isEqualTo(ThreadedBy.NEW);

        var on = new InboundEmailProperties(
                properties.limits(),
                new InboundEmailProperties.Threading(
                        true,
                        properties.threading().heuristicWindow(),
                        properties.threading().replyTokenSecret()),
                properties.autoAck());
        var heuristic = new ThreadingService(jdbc, cases, clock, on);
        assertThat(heuristic.resolve(again).threadedBy()).isEqualTo(ThreadedBy.HEURISTIC);
        ParsedEmail stranger = ((ParseOutcome.Parsed) parser.parse(
                        ("From: eve@elsewhere.org\r\nSubject: Router keeps " + "rebooting " + run + "\r\n\r\nhi\r\n")
                                .getBytes(StandardCharsets.UTF_8)))
                .email();
        assertThat(heuristic.resolve(stranger).threadedBy()).isEqualTo(ThreadedBy.NEW);
    }

    @Test
    void subjectTokensAreAddedOnce() {
        assertThat(threading.subjectWithToken("Parcel lost", "SB-10042")).isEqualTo("Parcel lost [SB-10042]");
        assertThat(threading.subjectWithToken("Re: Parcel lost [SB-10042]", "SB-10042"))
                .isEqualTo("Re: Parcel lost [SB-10042]");
    }
}
