package org.switchboard.channel.email.web;

import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.switchboard.channel.email.EmailBlocklist;
import org.switchboard.channel.email.EmailQuarantine;
import org.switchboard.identity.Actors;
import org.switchboard.platform.Ids;

/** Admin pages ({@code /admin/**}, admins only): the quarantine and the sender blocklist. */
@Controller
class EmailAdminPages {

    private final EmailQuarantine quarantine;
    private final EmailBlocklist blocklist;

    EmailAdminPages(EmailQuarantine quarantine, EmailBlocklist blocklist) {
        this.quarantine = quarantine;
        this.blocklist = blocklist;
    }

    @GetMapping("/admin/email/quarantine")
    String quarantine(@RequestParam(required = false) String status, Model model) {
        String s = status == null || status.isBlank() ? "quarantined" : status;
        model.addAttribute("status", s);
        model.addAttribute("items", quarantine.list(s, 200));
        return "email/quarantine";
    }

    /** The raw message as a download, never rendered. */
    @GetMapping("/admin/email/quarantine/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable String id) {
        UUID uuid = Ids.parse(id, "quarantined email");
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"quarantine-" + uuid + ".eml\"")
                .header("X-Content-Type-Options", "nosniff")
                .body(quarantine.raw(uuid));
    }

    @PostMapping("/admin/email/quarantine/{id}/reprocess")
    String reprocess(@PathVariable String id, RedirectAttributes redirect) {
        try {
            var entry = quarantine.reprocess(Ids.parse(id, "quarantined email"), null, Actors.current());
            redirect.addFlashAttribute(
                    "flash",
                    entry.status().equals("released") ? "email.quarantine.released" : "email.quarantine.still");
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/email/quarantine";
    }

    @PostMapping("/admin/email/quarantine/{id}/discard")
    String discard(@PathVariable String id, RedirectAttributes redirect) {
        try {
            quarantine.discard(Ids.parse(id, "quarantined email"), Actors.current());
            redirect.addFlashAttribute("flash", "email.quarantine.discarded");
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/email/quarantine";
    }

    @GetMapping("/admin/email/blocklist")
    String blocklist(Model model) {
        model.addAttribute("entries", blocklist.list());
        return "email/blocklist";
    }

    @PostMapping("/admin/email/blocklist")
    String block(
            @RequestParam(defaultValue = "") String pattern,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        try {
            blocklist.add(pattern, note.isBlank() ? null : note, Actors.current());
            redirect.addFlashAttribute("flash", "email.blocklist.added");
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/email/blocklist";
    }

    @PostMapping("/admin/email/blocklist/{id}/delete")
    String unblock(@PathVariable String id, RedirectAttributes redirect) {
        try {
            blocklist.remove(Ids.parse(id, "blocklist entry"), Actors.current());
            redirect.addFlashAttribute("flash", "email.blocklist.removed");
        } catch (RuntimeException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/email/blocklist";
    }
}
