package org.switchboard.channel.email.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.cases.QueueDirectory;
import org.switchboard.cases.QueueRef;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.channel.email.outbound.QueueEmailSettings;
import org.switchboard.identity.Actors;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.NotFoundException;

/**
 * The admin pages for the email settings of each queue (From address and name, signature, four-eyes
 * approval and its keywords, automatic acknowledgement): what {@code PUT
 * /api/v1/channels/email/queues/{queue}} sets, with the same checks and the same audit entry.
 */
@Controller
@RequestMapping("/admin/email/queues")
@PreAuthorize("hasRole('ADMIN')")
class QueueEmailAdminController {

    private final QueueEmailSettings settings;
    private final QueueDirectory queues;
    private final Mailboxes mailboxes;

    QueueEmailAdminController(QueueEmailSettings settings, QueueDirectory queues, Mailboxes mailboxes) {
        this.settings = settings;
        this.queues = queues;
        this.mailboxes = mailboxes;
    }

    /** One row a queue: what its email settings are, and the way to change them. */
    record Row(QueueRef queue, QueueEmailSettings.Settings settings) {}

    /**
     * The form as entered: keywords one a line, so a refused form comes back as it was typed.
     *
     * @param approvalKeywords one keyword a line
     */
    record Form(
            String fromAddress,
            String fromName,
            String signature,
            boolean requiresApproval,
            String approvalKeywords,
            boolean autoAcknowledge) {

        static Form of(QueueEmailSettings.Settings s) {
            return new Form(
                    s.fromAddress() == null ? "" : s.fromAddress(),
                    s.fromName() == null ? "" : s.fromName(),
                    s.signature() == null ? "" : s.signature(),
                    s.requiresApproval(),
                    String.join("\n", s.approvalKeywords()),
                    s.autoAcknowledge());
        }

        static Form of(Map<String, String> form) {
            return new Form(
                    form.getOrDefault("fromAddress", ""),
                    form.getOrDefault("fromName", ""),
                    // browsers send a textarea's lines with CRLF; the API and the mail use LF
                    form.getOrDefault("signature", "").replace("\r\n", "\n"),
                    form.containsKey("requiresApproval"),
                    form.getOrDefault("approvalKeywords", ""),
                    form.containsKey("autoAcknowledge"));
        }

        QueueEmailSettings.Draft draft() {
            return new QueueEmailSettings.Draft(
                    blank(fromAddress),
                    blank(fromName),
                    blank(signature),
                    requiresApproval,
                    Arrays.asList(approvalKeywords.split("\\R")),
                    autoAcknowledge);
        }
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute(
                "rows",
                queues.all().stream().map(q -> new Row(q, settings.of(q.id()))).toList());
        return "email/queues";
    }

    @GetMapping("/{queue}")
    String edit(@PathVariable String queue, Model model) {
        QueueRef ref = queue(queue);
        return page(ref, Form.of(settings.of(ref.id())), Map.of(), model);
    }

    @PostMapping("/{queue}")
    String save(
            @PathVariable String queue,
            @RequestParam Map<String, String> fields,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        QueueRef ref = queue(queue);
        Form form = Form.of(fields);
        try {
            settings.change(ref.id(), form.draft(), Actors.current());
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(ref, form, byField(e.problems()), model);
        }
        redirect.addFlashAttribute("saved", ref.name());
        return "redirect:/admin/email/queues/" + ref.id();
    }

    private String page(QueueRef ref, Form form, Map<String, String> errors, Model model) {
        model.addAttribute("queue", ref);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("signatureMax", QueueEmailSettings.SIGNATURE_MAX);
        // the mailboxes whose mail lands in this queue: their address is the From unless one is set here
        model.addAttribute(
                "mailboxes",
                mailboxes.list().stream()
                        .filter(m -> ref.id().equals(m.queue())
                                || m.aliases().stream().anyMatch(a -> ref.id().equals(a.queue())))
                        .map(Mailbox::address)
                        .toList());
        return "email/queue-settings";
    }

    private QueueRef queue(String idOrName) {
        return queues.find(idOrName).orElseThrow(() -> new NotFoundException("queue", idOrName));
    }

    private static @Nullable String blank(String value) {
        return value.isBlank() ? null : value;
    }

    private static Map<String, String> byField(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem p : problems) {
            errors.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
