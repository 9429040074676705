package org.switchboard.desk.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.cases.AgentRef;
import org.switchboard.cases.AttachmentId;
import org.switchboard.cases.AttachmentTooLargeException;
import org.switchboard.cases.CaseChange;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.CaseStatus;
import org.switchboard.cases.CaseSummary;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.InteractionView;
import org.switchboard.cases.MessageDraft;
import org.switchboard.cases.PendingReason;
import org.switchboard.cases.Priority;
import org.switchboard.cases.QueueId;
import org.switchboard.cases.QueueRef;
import org.switchboard.cases.StoredAttachment;
import org.switchboard.cases.TimelineEntry;
import org.switchboard.desk.internal.CaseViewers;
import org.switchboard.desk.internal.DeskProperties;
import org.switchboard.desk.internal.LiveUpdates;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.TeamId;
import org.switchboard.identity.UserId;
import org.switchboard.identity.UserSummary;
import org.switchboard.identity.Users;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.RuleViolationException;
import org.switchboard.platform.StaleVersionException;

/**
 * The case page: header, timeline, composer (public reply or internal note, with attachments), the
 * controls that change status, priority, assignee, queue and tags, the customer panel, and who else has
 * the case open. Changes are plain form posts answered with a redirect (they work without script); the
 * page's parts are also served alone so a live notice refreshes them without a reload.
 */
@Controller
class CasePageController {

    private static final int CUSTOMER_CASES = 10;
    private static final int CUSTOMER_CASES_WITH_INTERACTIONS = 5;

    private final Cases cases;
    private final Users users;
    private final DeskViews views;
    private final CaseViewers viewers;
    private final LiveUpdates liveUpdates;
    private final DeskProperties properties;
    private final MessageSource messages;

    CasePageController(
            Cases cases,
            Users users,
            DeskViews views,
            CaseViewers viewers,
            LiveUpdates liveUpdates,
            DeskProperties properties,
            MessageSource messages) {
        this.cases = cases;
        this.users = users;
        this.views = views;
        this.viewers = viewers;
        this.liveUpdates = liveUpdates;
        this.properties = properties;
        this.messages = messages;
    }

    /** A customer's contact on another (or this) case, for the customer panel. */
    record CustomerInteraction(CaseSummary caseSummary, InteractionView interaction) {}

    @GetMapping("/cases/{idOrNumber}")
    String page(@PathVariable String idOrNumber, Model model) {
        Actor actor = Actors.current();
        CaseView view = cases.get(idOrNumber, actor);
        header(view, actor, model);
        timeline(view, actor, model);
        customerPanel(view, actor, model);
        model.addAttribute(
                "viewers", viewers.others(view.id().toString(), actor.id().toString()));
        model.addAttribute("presenceSeconds", properties.presenceInterval().toSeconds());
        return "desk/case";
    }

    @GetMapping("/cases/{id}/parts/header")
    String headerPart(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        header(cases.get(id, actor), actor, model);
        return "desk/case :: caseHeader";
    }

    @GetMapping("/cases/{id}/parts/controls")
    String controlsPart(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        header(cases.get(id, actor), actor, model);
        return "desk/case :: controls";
    }

    @GetMapping("/cases/{id}/parts/timeline")
    String timelinePart(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        model.addAttribute("case", view);
        timeline(view, actor, model);
        return "desk/case :: timeline";
    }

    @GetMapping("/cases/{id}/parts/customer")
    String customerPart(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        model.addAttribute("case", view);
        customerPanel(view, actor, model);
        return "desk/case :: customer";
    }

    @GetMapping("/cases/{id}/parts/viewers")
    String viewersPart(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        model.addAttribute("case", view);
        model.addAttribute(
                "viewers", viewers.others(view.id().toString(), actor.id().toString()));
        return "desk/case :: viewers";
    }

    /** The page reports every few seconds that its agent is still there (and whether they are writing). */
    @PostMapping("/cases/{id}/presence")
    String presence(@PathVariable String id, @RequestParam(defaultValue = "viewing") String activity, Model model) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        model.addAttribute("case", view);
        String caseId = view.id().toString();
        var what = "replying".equals(activity) ? CaseViewers.Activity.REPLYING : CaseViewers.Activity.VIEWING;
        if (viewers.report(caseId, actor.id().toString(), actor.displayName(), what)) {
            liveUpdates.publish(new LiveUpdates.Notice("viewers", caseId, null, null, null));
        }
        model.addAttribute("viewers", viewers.others(caseId, actor.id().toString()));
        return "desk/case :: viewers";
    }

    /** The page was closed (sent with {@code navigator.sendBeacon}). */
    @PostMapping("/cases/{id}/presence/leave")
    @ResponseBody
    ResponseEntity<Void> leave(@PathVariable String id) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        if (viewers.leave(view.id().toString(), actor.id().toString())) {
            liveUpdates.publish(new LiveUpdates.Notice("viewers", view.id().toString(), null, null, null));
        }
        return ResponseEntity.noContent().build();
    }

    /** A public reply ({@code kind=reply}) or an internal note ({@code kind=note}), with attachments. */
    @PostMapping(path = "/cases/{id}/messages", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String post(
            @PathVariable String id,
            @RequestParam(defaultValue = "reply") String kind,
            @RequestParam(defaultValue = "") String text,
            @RequestParam(name = "attachments", required = false) @Nullable List<MultipartFile> files,
            RedirectAttributes redirect) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        try {
            if (text.isBlank()) {
                throw new InvalidInputException("text", message("desk.composer.empty"));
            }
            List<AttachmentId> attachments = new ArrayList<>();
            for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
                if (file.isEmpty()) {
                    continue;
                }
                String name = file.getOriginalFilename() == null ? "attachment" : file.getOriginalFilename();
                try (InputStream content = file.getInputStream()) {
                    attachments.add(cases.storeAttachment(view.id(), name, content, actor)
                            .id());
                }
            }
            MessageDraft draft = new MessageDraft(text, null, attachments);
            if ("note".equals(kind)) {
                cases.note(view.id(), draft, actor);
                redirect.addFlashAttribute("flash", message("desk.flash.noted"));
            } else {
                cases.reply(view.id(), draft, actor);
                redirect.addFlashAttribute("flash", message("desk.flash.replied"));
            }
        } catch (IOException e) {
            redirect.addFlashAttribute("flashError", message("desk.flash.uploadFailed"));
            redirect.addFlashAttribute("draft", text);
        } catch (InvalidInputException | RuleViolationException | ConflictException | AttachmentTooLargeException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
            redirect.addFlashAttribute("draft", text);
        }
        return "redirect:/cases/" + view.number();
    }

    /**
     * Changes any of status (with pending reason and disposition), priority, assignee, queue and tags.
     * Blank fields stay unchanged; {@code version} is the version the form showed, so a change made
     * meanwhile by someone else is refused rather than overwritten.
     */
    @PostMapping("/cases/{id}/change")
    String change(@PathVariable String id, ChangeForm form, RedirectAttributes redirect) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        try {
            cases.change(view.id(), form.toChange(actor, users), form.version(), actor);
            redirect.addFlashAttribute("flash", message("desk.flash.changed"));
        } catch (StaleVersionException e) {
            redirect.addFlashAttribute("flashError", message("desk.flash.stale"));
        } catch (InvalidInputException | RuleViolationException | ConflictException e) {
            redirect.addFlashAttribute("flashError", e.getMessage());
        }
        return "redirect:/cases/" + view.number();
    }

    @GetMapping("/cases/{id}/attachments/{attachmentId}")
    ResponseEntity<InputStreamResource> attachment(@PathVariable String id, @PathVariable String attachmentId)
            throws IOException {
        StoredAttachment stored = cases.attachment(AttachmentId.parse(attachmentId), Actors.current());
        var attachment = stored.attachment();
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(attachment.contentType()))
                .contentLength(attachment.size())
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(attachment.filename(), StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(new InputStreamResource(stored.content().open()));
    }

    /**
     * The timeline and the names of the agents and queues its changes name by id ({@code labels}, id to
     * name), resolved for the whole timeline at once.
     */
    private void timeline(CaseView view, Actor actor, Model model) {
        List<TimelineEntry> timeline = cases.timeline(view.id(), actor);
        Set<UserId> agentIds = new LinkedHashSet<>();
        Set<String> queueIds = new LinkedHashSet<>();
        for (TimelineEntry entry : timeline) {
            String field = entry.field() == null ? entry.type() : entry.field();
            for (String value : Arrays.asList(entry.from(), entry.to())) {
                if (value == null || !value.matches("[0-9a-fA-F-]{36}")) {
                    continue;
                }
                if (field.equals("assignee")) {
                    agentIds.add(UserId.parse(value));
                } else if (field.equals("queue")) {
                    queueIds.add(value);
                }
            }
        }
        Map<String, String> labels = new HashMap<>();
        users.findAll(agentIds).forEach((id, user) -> labels.put(id.toString(), user.displayName()));
        for (QueueRef queue : views.visibleQueues(actor)) {
            if (queueIds.contains(queue.id().toString())) {
                labels.put(queue.id().toString(), queue.name());
            }
        }
        model.addAttribute("timeline", timeline);
        model.addAttribute("labels", labels);
    }

    private void header(CaseView view, Actor actor, Model model) {
        model.addAttribute("case", view);
        model.addAttribute("nextStatuses", view.status().next());
        model.addAttribute("priorities", Priority.values());
        model.addAttribute("pendingReasons", PendingReason.values());
        model.addAttribute("queues", views.visibleQueues(actor));
        model.addAttribute("assignees", assignees(view));
    }

    /**
     * Whom the case may be assigned to: the active members of the team owning its queue, the
     * supervisors, and its current assignee.
     */
    private List<UserSummary> assignees(CaseView view) {
        Set<TeamId> teams =
                view.queue() == null ? Set.of() : Set.of(view.queue().team());
        List<UserSummary> assignees = new ArrayList<>(users.activeUsers(teams));
        AgentRef current = view.assignee();
        if (current != null && assignees.stream().noneMatch(u -> u.id().equals(current.id()))) {
            users.find(current.id()).ifPresent(user -> assignees.add(0, user));
        }
        return assignees;
    }

    /** The customer's other cases and their contacts across channels: the start of the 360 view. */
    private void customerPanel(CaseView view, Actor actor, Model model) {
        CaseFilter filter = CaseFilter.all().withCustomer(view.customer().id()).withLimit(CUSTOMER_CASES + 1);
        List<CaseSummary> customerCases = cases.list(filter, actor).items();
        model.addAttribute(
                "otherCases",
                customerCases.stream()
                        .filter(c -> !c.id().equals(view.id()))
                        .limit(CUSTOMER_CASES)
                        .toList());
        List<CustomerInteraction> contacts = new ArrayList<>();
        for (CaseSummary summary :
                customerCases.stream().limit(CUSTOMER_CASES_WITH_INTERACTIONS).toList()) {
            for (InteractionView interaction : cases.interactions(summary.id(), actor)) {
                contacts.add(new CustomerInteraction(summary, interaction));
            }
        }
        contacts.sort(
                Comparator.comparing((CustomerInteraction c) -> c.interaction().startedAt())
                        .reversed());
        model.addAttribute("contacts", contacts.stream().limit(15).toList());
    }

    private String message(String key) {
        Locale locale = LocaleContextHolder.getLocale();
        return messages.getMessage(key, null, key, locale);
    }

    /** The fields of the change forms; blank means unchanged. */
    record ChangeForm(
            @Nullable String status,
            @Nullable String pendingReason,
            @Nullable String disposition,
            @Nullable String priority,
            @Nullable String queue,
            @Nullable String assignee,
            @Nullable String tags,
            @Nullable Long version) {

        CaseChange toChange(Actor actor, Users users) {
            CaseStatus newStatus = blank(status) ? null : CaseStatus.of(status);
            PendingReason reason = blank(pendingReason) ? null : PendingReason.of(pendingReason);
            Priority newPriority = blank(priority) ? null : Priority.of(priority);
            QueueId newQueue = blank(queue) ? null : QueueId.parse(queue);
            Optional<UserId> newAssignee = null;
            if (!blank(assignee)) {
                String value = assignee.trim();
                if (value.equals("me")) {
                    newAssignee = Optional.of(actor.id());
                } else if (value.equals("none")) {
                    newAssignee = Optional.empty();
                } else {
                    newAssignee = Optional.of(users.findByIdOrUsername(value)
                            .orElseThrow(() -> new InvalidInputException("assignee", "no such user: " + value))
                            .id());
                }
            }
            Set<String> newTags = null;
            if (tags != null) {
                newTags = new LinkedHashSet<>();
                for (String tag : Arrays.asList(tags.split(","))) {
                    if (!tag.isBlank()) {
                        newTags.add(tag.trim().toLowerCase(Locale.ROOT));
                    }
                }
            }
            return new CaseChange(
                    newStatus,
                    reason,
                    newPriority,
                    newQueue,
                    newAssignee,
                    newTags,
                    null,
                    blank(disposition) ? null : disposition.trim());
        }

        private static boolean blank(@Nullable String value) {
            return value == null || value.isBlank();
        }
    }
}
