package org.switchboard.channel.email.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.cases.CaseView;
import org.switchboard.cases.Cases;
import org.switchboard.cases.MessageId;
import org.switchboard.cases.MessageView;
import org.switchboard.channel.email.outbound.OutboundMail;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.identity.Role;

/**
 * The email block of the case page (loaded by htmx): why each email landed in the case (threading rule
 * and Message-ID), the delivery of each reply with approve / reject for supervisors, and the Cc
 * participants who get the replies; and the HTML of each inbound email with its inline images, remote
 * images blocked until an agent shows them.
 */
@Controller
class EmailCasePanelController {

    private final Cases cases;
    private final OutboundMail outbound;
    private final EmailBodies bodies;

    EmailCasePanelController(Cases cases, OutboundMail outbound, EmailBodies bodies) {
        this.cases = cases;
        this.outbound = outbound;
        this.bodies = bodies;
    }

    /**
     * The HTML of an inbound email for the case timeline (loaded by htmx in place of the case core's
     * image-less copy); 204 when the message has no email HTML, so the page keeps what it shows.
     */
    @GetMapping("/email/messages/{message}/body")
    String body(@PathVariable String message, HttpServletRequest request, Model model, HttpServletResponse response) {
        var body = bodies.body(messageId(message), Actors.current(), request.getContextPath());
        if (body.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return null;
        }
        model.addAttribute("body", body.get());
        return "email/message-body :: body";
    }

    /** "Show remote images" on one message: remembered and audited; htmx gets the body again. */
    @PostMapping("/email/messages/{message}/remote-images")
    String showRemoteImages(
            @PathVariable String message,
            @RequestHeader(name = "HX-Request", required = false) String htmx,
            HttpServletRequest request,
            Model model,
            HttpServletResponse response) {
        MessageId id = messageId(message);
        Actor actor = Actors.current();
        bodies.showRemoteImages(id, actor);
        if (htmx == null) {
            return "redirect:/cases/" + cases.message(id, actor).caseId();
        }
        return body(message, request, model, response);
    }

    private static MessageId messageId(String value) {
        try {
            return MessageId.parse(value);
        } catch (RuntimeException e) {
            throw new org.switchboard.platform.InvalidInputException("message", "is not a message id");
        }
    }

    @GetMapping("/email/cases/{id}/panel")
    String panel(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        List<MessageView> emails = cases.messages(view.id(), actor).stream()
                .filter(m -> m.messageId() != null || m.deliveryStatus() != null)
                .toList();
        Map<MessageId, OutboundMail.Outbound> deliveries = outbound.ofCase(view.id()).stream()
                .collect(Collectors.toMap(OutboundMail.Outbound::caseMessage, Function.identity()));
        model.addAttribute("case", view);
        model.addAttribute("emails", emails);
        model.addAttribute("deliveries", deliveries);
        model.addAttribute("participants", cases.participants(view.id()));
        model.addAttribute("canApprove", actor.isAtLeast(Role.SUPERVISOR));
        return "email/case-panel :: panel";
    }

    @PostMapping("/email/cases/{id}/approvals/{message}")
    String decide(
            @PathVariable String id,
            @PathVariable String message,
            @RequestParam String decision,
            @RequestParam(required = false) String reason) {
        Actor actor = Actors.current();
        CaseView view = cases.get(id, actor);
        MessageId messageId = MessageId.parse(message);
        if ("approve".equals(decision)) {
            outbound.approve(messageId, actor);
        } else {
            outbound.reject(messageId, reason, actor);
        }
        return "redirect:/cases/" + view.number();
    }
}
