package org.switchboard.channel.email.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
 * participants who get the replies.
 */
@Controller
class EmailCasePanelController {

    private final Cases cases;
    private final OutboundMail outbound;

    EmailCasePanelController(Cases cases, OutboundMail outbound) {
        this.cases = cases;
        this.outbound = outbound;
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
