package org.switchboard.channel.email.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
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
import org.switchboard.channel.email.outbound.EmailTemplates;
import org.switchboard.identity.Actors;
import org.switchboard.platform.FieldProblem;
import org.switchboard.platform.InvalidInputException;

/**
 * The admin pages of the outbound mail texts: every kind and language with whether an admin's text
 * replaces the built-in one, and a form per template with its placeholders, the built-in text for
 * reference and a way back to it.
 */
@Controller
@RequestMapping("/admin/email/templates")
@PreAuthorize("hasRole('ADMIN')")
class EmailTemplatePages {

    private final EmailTemplates templates;

    EmailTemplatePages(EmailTemplates templates) {
        this.templates = templates;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("templates", templates.all());
        return "email/templates";
    }

    @GetMapping("/{kind}/{language}")
    String edit(@PathVariable String kind, @PathVariable String language, Model model) {
        var template = templates.get(EmailTemplates.Kind.parse(kind), language);
        return page(template, template.text(), Map.of(), model);
    }

    @PostMapping("/{kind}/{language}")
    String save(
            @PathVariable String kind,
            @PathVariable String language,
            @RequestParam(defaultValue = "") String text,
            Model model,
            RedirectAttributes redirect,
            HttpServletResponse response) {
        EmailTemplates.Kind k = EmailTemplates.Kind.parse(kind);
        // browsers send a textarea's lines with CRLF; the built-in texts and the mail use LF
        String entered = text.replace("\r\n", "\n");
        try {
            var saved = templates.change(k, language, entered, Actors.current());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/email/templates/" + k.wire() + "/" + saved.language();
        } catch (InvalidInputException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            Map<String, String> errors = new LinkedHashMap<>();
            for (FieldProblem p : e.problems()) {
                errors.merge(p.field(), p.message(), (a, b) -> a + "; " + b);
            }
            // the same checks, worded in the reader's language by the page
            model.addAttribute("check", EmailTemplates.check(k, entered));
            return page(templates.get(k, language), entered, errors, model);
        }
    }

    @PostMapping("/{kind}/{language}/reset")
    String reset(@PathVariable String kind, @PathVariable String language, RedirectAttributes redirect) {
        var template = templates.reset(EmailTemplates.Kind.parse(kind), language, Actors.current());
        redirect.addFlashAttribute("reset", true);
        return "redirect:/admin/email/templates/" + template.kind().wire() + "/" + template.language();
    }

    private String page(EmailTemplates.Template template, String text, Map<String, String> errors, Model model) {
        model.addAttribute("template", template);
        model.addAttribute("text", text);
        model.addAttribute("errors", errors);
        model.addAttribute("maxLength", EmailTemplates.MAX_LENGTH);
        return "email/template-edit";
    }
}
