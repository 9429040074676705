package org.switchboard.desk.web;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.switchboard.cases.CaseFilter;
import org.switchboard.cases.Cases;
import org.switchboard.customer.CustomerId;
import org.switchboard.customer.CustomerSearch;
import org.switchboard.customer.Customers;
import org.switchboard.identity.Actor;
import org.switchboard.identity.Actors;
import org.switchboard.platform.Cursor;

/**
 * Customer pages of the desk: {@code /customers} searches by name, email or organization;
 * {@code /customers/{id}} shows the profile, the channel identities and the customer's cases (the ones
 * the agent may see). Opening a profile is recorded in the audit log by the customer directory.
 */
@Controller
class CustomerPagesController {

    private final Customers customers;
    private final Cases cases;

    CustomerPagesController(Customers customers, Cases cases) {
        this.customers = customers;
        this.cases = cases;
    }

    @GetMapping("/customers")
    String search(
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable Integer limit,
            Model model) {
        String text = DeskViews.blankToNull(q);
        model.addAttribute("q", text);
        model.addAttribute(
                "page",
                customers.search(
                        new CustomerSearch(text, null, null, null),
                        Cursor.limit(limit),
                        DeskViews.blankToNull(cursor)));
        return "desk/customers";
    }

    @GetMapping("/customers/{id}")
    String profile(@PathVariable String id, Model model) {
        Actor actor = Actors.current();
        var profile = customers.view(CustomerId.parse(id), actor);
        model.addAttribute("customer", profile);
        model.addAttribute(
                "cases",
                cases.list(CaseFilter.all().withCustomer(profile.id()), actor).items());
        return "desk/customer";
    }
}
