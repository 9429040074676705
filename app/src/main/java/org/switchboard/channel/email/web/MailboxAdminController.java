package org.switchboard.channel.email.web;

import java.util.ArrayList;
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
import org.switchboard.channel.email.mailbox.EmailChannelProperties;
import org.switchboard.channel.email.mailbox.MailSessions;
import org.switchboard.channel.email.mailbox.Mailbox;
import org.switchboard.channel.email.mailbox.MailboxDraft;
import org.switchboard.channel.email.mailbox.Mailboxes;
import org.switchboard.platform.ConflictException;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;
import org.switchboard.platform.StaleVersionException;

/**
 * The admin pages for mailboxes: the list with each mailbox's connection health (a mailbox that keeps
 * failing shows an alert), a form to add one, the edit form of each with its aliases and plus-addresses,
 * and the connection test button.
 */
@Controller
@RequestMapping("/admin/email/mailboxes")
@PreAuthorize("hasRole('ADMIN')")
class MailboxAdminController {

    private final Mailboxes mailboxes;
    private final MailSessions sessions;
    private final QueueDirectory queues;
    private final EmailChannelProperties properties;

    MailboxAdminController(
            Mailboxes mailboxes, MailSessions sessions, QueueDirectory queues, EmailChannelProperties properties) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.queues = queues;
        this.properties = properties;
    }

    @GetMapping
    String list(Model model) {
        List<MailboxJson> all = mailboxes.list().stream()
                .map(m -> MailboxJson.of(
                        m, queues, mailboxes.health(m.id(), properties.fetch().alertAfterFailures())))
                .toList();
        model.addAttribute("mailboxes", all);
        model.addAttribute("queues", queues.all());
        model.addAttribute("errors", Map.of());
        return "email/mailboxes";
    }

    @PostMapping
    String create(
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            Mailbox created = mailboxes.create(new MailboxDraft(
                    form.get("name"),
                    form.get("address"),
                    blank(form.get("queue")),
                    new MailboxDraft.ServerDraft(
                            form.get("imapHost"),
                            port(form.get("imapPort")),
                            form.get("imapSecurity"),
                            form.get("imapUsername"),
                            form.get("imapPassword"),
                            form.get("imapAuth")),
                    blank(form.get("imapFolder")),
                    null,
                    null,
                    new MailboxDraft.ServerDraft(
                            form.get("smtpHost"),
                            port(form.get("smtpPort")),
                            form.get("smtpSecurity"),
                            blank(form.get("smtpUsername")),
                            blank(form.get("smtpPassword")),
                            form.get("smtpAuth")),
                    null,
                    true));
            redirect.addFlashAttribute("saved", created.name());
            return "redirect:/admin/email/mailboxes";
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return withErrors(model, form, byField(e.problems()));
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            return withErrors(model, form, Map.of("address", e.getMessage()));
        }
    }

    /** The edit form of one mailbox, with its aliases. Passwords are never shown: empty keeps them. */
    @GetMapping("/{id}")
    String edit(@PathVariable String id, Model model) {
        Mailbox mailbox = mailboxes.get(id);
        model.addAttribute(
                "mailbox",
                MailboxJson.of(
                        mailbox,
                        queues,
                        mailboxes.health(mailbox.id(), properties.fetch().alertAfterFailures())));
        model.addAttribute("queues", queues.all());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "email/mailbox-edit";
    }

    @PostMapping("/{id}")
    String update(
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        try {
            Mailbox updated = mailboxes.update(
                    id,
                    new MailboxDraft(
                            form.get("name"),
                            form.get("address"),
                            blank(form.get("queue")),
                            new MailboxDraft.ServerDraft(
                                    form.get("imapHost"),
                                    port(form.get("imapPort")),
                                    form.get("imapSecurity"),
                                    form.get("imapUsername"),
                                    blank(form.get("imapPassword")),
                                    form.get("imapAuth")),
                            blank(form.get("imapFolder")),
                            blank(form.get("afterImport")),
                            form.getOrDefault("moveToFolder", ""),
                            new MailboxDraft.ServerDraft(
                                    form.get("smtpHost"),
                                    port(form.get("smtpPort")),
                                    form.get("smtpSecurity"),
                                    form.getOrDefault("smtpUsername", ""),
                                    blank(form.get("smtpPassword")),
                                    form.get("smtpAuth")),
                            null,
                            form.containsKey("active")),
                    version(form.get("version")));
            redirect.addFlashAttribute("saved", updated.name());
            return "redirect:/admin/email/mailboxes/" + updated.id();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("errors", byField(e.problems()));
            return edit(id, model);
        } catch (ConflictException | StaleVersionException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("errors", Map.of("mailbox", e.getMessage()));
            return edit(id, model);
        }
    }

    /** Adds an alias or plus-address ({@code support+billing@…}) with the queue its mail goes to. */
    @PostMapping("/{id}/aliases")
    String addAlias(
            @PathVariable String id,
            @RequestParam Map<String, String> form,
            Model model,
            RedirectAttributes redirect,
            jakarta.servlet.http.HttpServletResponse response) {
        Mailbox mailbox = mailboxes.get(id);
        List<MailboxDraft.AliasDraft> aliases = new ArrayList<>(aliasDrafts(mailbox));
        aliases.add(new MailboxDraft.AliasDraft(form.get("address"), blank(form.get("queue"))));
        try {
            mailboxes.update(id, aliasesOnly(aliases), null);
            redirect.addFlashAttribute("saved", form.get("address"));
            return "redirect:/admin/email/mailboxes/" + mailbox.id();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            Map<String, String> errors = new LinkedHashMap<>();
            // the new alias is the last one: name its fields as the form does
            byField(e.problems())
                    .forEach((field, message) ->
                            errors.put(field.replace("aliases[" + (aliases.size() - 1) + "].", "alias."), message));
            model.addAttribute("errors", errors);
            return edit(id, model);
        } catch (ConflictException e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("errors", Map.of("alias.address", e.getMessage()));
            return edit(id, model);
        }
    }

    @PostMapping("/{id}/aliases/delete")
    String removeAlias(@PathVariable String id, @RequestParam String address, RedirectAttributes redirect) {
        Mailbox mailbox = mailboxes.get(id);
        List<MailboxDraft.AliasDraft> aliases = aliasDrafts(mailbox).stream()
                .filter(a -> !a.address().equalsIgnoreCase(address.strip()))
                .toList();
        mailboxes.update(id, aliasesOnly(aliases), null);
        redirect.addFlashAttribute("saved", address);
        return "redirect:/admin/email/mailboxes/" + mailbox.id();
    }

    private static List<MailboxDraft.AliasDraft> aliasDrafts(Mailbox mailbox) {
        return mailbox.aliases().stream()
                .map(a -> new MailboxDraft.AliasDraft(
                        a.address(), a.queue() == null ? null : a.queue().toString()))
                .toList();
    }

    private static MailboxDraft aliasesOnly(List<MailboxDraft.AliasDraft> aliases) {
        return new MailboxDraft(null, null, null, null, null, null, null, null, aliases, null);
    }

    private static @Nullable Long version(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The connection test as an htmx fragment. */
    @PostMapping("/{id}/test")
    String test(@PathVariable String id, Model model) {
        model.addAttribute("result", sessions.test(mailboxes.get(id)));
        return "email/mailbox-test :: testResult";
    }

    private String withErrors(Model model, Map<String, String> form, Map<String, String> errors) {
        list(model);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "email/mailboxes";
    }

    private static @Nullable Integer port(@Nullable String value) {
        try {
            return value == null || value.isBlank() ? null : Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static @Nullable String blank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Map<String, String> byField(List<FieldProblem> problems) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (FieldProblem p : new ArrayList<>(problems)) {
            errors.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
        }
        return errors;
    }
}
