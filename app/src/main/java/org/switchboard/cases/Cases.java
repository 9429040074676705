package org.switchboard.cases;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.switchboard.identity.Actor;
import org.switchboard.identity.UserId;
import org.switchboard.platform.Page;

/**
 * The case core as other modules and the web layer use it.
 *
 * <p><b>Visibility.</b> Methods taking an {@link Actor} apply it: an agent sees the cases of the queues
 * owned by their teams plus the cases assigned to them; supervisors and admins see all. A case the actor
 * may not see is reported exactly like an unknown one ({@link org.switchboard.platform.NotFoundException},
 * 404). A {@code null} actor is the system itself (channel adapters, listeners): it sees everything and is
 * recorded as "system".
 *
 * <p><b>Transactions and events.</b> Every changing method runs in one transaction that writes the change,
 * its timeline activity and its domain events ({@link CaseEvent}, persisted by Spring Modulith's event
 * publication registry), so listeners never see a change that did not commit.
 *
 * <p><b>Errors.</b> Invalid field values throw {@link org.switchboard.platform.InvalidInputException}
 * (400), business rules {@link org.switchboard.platform.RuleViolationException} (422), a stale
 * {@code expectedVersion} {@link org.switchboard.platform.StaleVersionException} (412), an action beyond
 * the actor's role {@link org.springframework.security.access.AccessDeniedException} (403).
 */
public interface Cases {

    /**
     * Opens a case (status {@code new}, number {@code SB-1000n}) with the customer's first message in an
     * inbound interaction. Publishes {@link CaseOpened}, {@link InteractionStarted} and {@link
     * MessageReceived}.
     */
    CaseView open(OpenCase command, @Nullable Actor actor);

    /** {@link #open}, also returning the id of the first message. */
    OpenedCase openCase(OpenCase command, @Nullable Actor actor);

    /** A case by id or number ({@code SB-10042}). */
    CaseView get(String idOrNumber, @Nullable Actor actor);

    CaseView get(CaseId id, @Nullable Actor actor);

    /** A page of cases; a fixed number of SQL statements whatever the page size (keyset pagination). */
    Page<CaseSummary> list(CaseFilter filter, @Nullable Actor actor);

    /** How many cases match (cursor, sort and limit are ignored); for count badges. */
    long count(CaseFilter filter, @Nullable Actor actor);

    /**
     * The count badges of these queues in one SQL statement: every queue asked for is in the map (zero
     * when it has no such case). The actor's visibility applies as in {@link #count}: an agent counts in
     * a queue of another team only the cases assigned to them.
     */
    Map<QueueId, QueueCounts> countByQueue(Set<QueueId> queues, @Nullable Actor actor);

    /**
     * Changes status, priority, queue, assignee, tags, category or disposition. Each changed field is
     * one timeline activity and one event ({@link CaseStatusChanged}, {@link CaseResolved}, {@link
     * CaseAssigned}, {@link CasePriorityChanged}, {@link CaseQueueChanged}, {@link CaseTagsChanged}).
     *
     * @param expectedVersion the version the caller saw ({@code If-Match}); null for an unconditional change
     * @throws org.switchboard.platform.RuleViolationException a forbidden status transition (closed is
     *     final), pending without reason, resolving without disposition, an unknown assignee
     */
    CaseView change(CaseId id, CaseChange change, @Nullable Long expectedVersion, @Nullable Actor actor);

    /**
     * A public reply by the acting agent on the case's origin channel (an outbound message in the case's
     * active interaction, or a new outbound one). The first reply sets {@code firstResponseAt}; a reply to a
     * {@code new} case opens it. Publishes {@link MessageSent}.
     */
    MessageView reply(CaseId id, MessageDraft draft, Actor actor);

    /**
     * A public message the system sends on a channel by itself (an email channel's acknowledgement of
     * receipt), on the case's latest interaction of that channel. It is no agent's reply: it does not count
     * as the first response, changes no status and publishes nothing, since the channel that writes it
     * delivers it and reports through {@link #recordDelivery}.
     */
    MessageView automaticReply(CaseId id, Channel channel, MessageDraft draft);

    /** An internal note, never sent to the customer. Publishes {@link NoteAdded}. */
    MessageView note(CaseId id, MessageDraft draft, Actor actor);

    /**
     * A message from the case's customer arriving on {@code channel} (used by channel adapters after
     * threading). An active case gets the message; a resolved case within {@code
     * switchboard.cases.reopen-window} is reopened; otherwise a new case is opened and linked as a
     * follow-up. Publishes {@link MessageReceived} (and {@link CaseStatusChanged} or {@link CaseOpened}).
     */
    CustomerMessageOutcome receiveCustomerMessage(CaseId id, Channel channel, MessageDraft draft);

    /** Starts an interaction (a chat session, a call) on a case. Publishes {@link InteractionStarted}. */
    InteractionView startInteraction(CaseId id, Channel channel, Direction direction, @Nullable Actor actor);

    /** Ends an interaction; ending an ended one changes nothing. Publishes {@link InteractionEnded}. */
    InteractionView endInteraction(InteractionId id, @Nullable Actor actor);

    /**
     * Hands the case's active interactions (the contacts in progress: a chat session, a call, the customer's
     * unanswered email) to an agent, for example when the agent accepts the case's work from routing; an
     * interaction another agent held goes to this one. Ended interactions keep their agent.
     *
     * @return how many active interactions are now the agent's (0 when the case has none)
     * @throws org.switchboard.platform.NotFoundException the case does not exist
     */
    int assignInteractions(CaseId id, UserId agent);

    /** The interactions of a case, oldest first. */
    List<InteractionView> interactions(CaseId id, @Nullable Actor actor);

    /** The messages of a case, oldest first (notes included). */
    List<MessageView> messages(CaseId id, @Nullable Actor actor);

    /** Everything that happened to the case, oldest first. */
    List<TimelineEntry> timeline(CaseId id, @Nullable Actor actor);

    /**
     * Stores an upload for a later reply or note on this case. The content is stored once per SHA-256 and
     * its type is sniffed from the bytes; the client's claimed type is ignored.
     *
     * @throws org.switchboard.platform.InvalidInputException empty content
     * @throws AttachmentTooLargeException over {@code switchboard.api.max-attachment-bytes} (413)
     */
    AttachmentView storeAttachment(CaseId id, String filename, InputStream content, @Nullable Actor actor);

    /** An attachment and its bytes, if the actor may see its case. */
    StoredAttachment attachment(AttachmentId id, @Nullable Actor actor);

    /**
     * Merges {@code source} into {@code target}: the source's messages and interactions move to the target,
     * the source is closed with {@code mergedInto}. Supervisors and admins only; a {@code null} actor is
     * the system (a channel that found two cases to be one conversation). Publishes {@link CasesMerged}.
     *
     * @throws org.switchboard.platform.RuleViolationException merging a case into itself, or into/from a
     *     merged case
     */
    CaseView merge(CaseId source, CaseId target, @Nullable Actor actor);

    /**
     * Moves one message (with its attachments) out of a case into a new case of the same customer, queue
     * and priority, linked to the original as {@code split}. Returns the new case. Publishes {@link
     * CaseSplit} and {@link CaseOpened}.
     */
    CaseView split(CaseId source, MessageId message, Actor actor);

    /** Links two cases (both list the link); linking twice changes nothing. Publishes {@link CasesLinked}. */
    CaseView link(CaseId id, CaseId other, LinkKind kind, Actor actor);

    /**
     * Adds people to a case besides its customer (e.g. an email's Cc recipients); one already on the
     * case, or the customer's own address, changes nothing. Each new one is a {@code participant}
     * timeline activity. For channel adapters (the system acts).
     */
    void addParticipants(CaseId id, List<CaseParticipant> participants);

    /** The participants of a case, in the order they were added. */
    List<CaseParticipant> participants(CaseId id);

    /**
     * Records how delivery of a public reply went on its channel, and (the first time it is known) the
     * channel's id of the message. A changed status is a {@code delivery} timeline activity. For
     * channel adapters (the system acts).
     *
     * @param externalId the channel's id of the message (our Message-ID); null keeps the recorded one
     * @param detail an error or who approved; null clears it
     */
    void recordDelivery(MessageId message, DeliveryStatus status, @Nullable String detail, @Nullable String externalId);

    /** One message of a case, as {@link #messages} shows it. */
    MessageView message(MessageId id, @Nullable Actor actor);
}
