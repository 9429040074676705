package org.switchboard.cases;

import java.util.Map;

/** The case now belongs to another customer, after a customer merge (type {@code case.customer_changed}). */
public record CaseCustomerChanged(CaseEventHeader header, org.switchboard.customer.CustomerId previous)
        implements CaseEvent {

    @Override
    public String type() {
        return "case.customer_changed";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("previous", previous.toString());
    }
}
