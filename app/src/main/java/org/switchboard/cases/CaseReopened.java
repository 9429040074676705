package org.switchboard.cases;

import java.util.Map;

/** A resolved case became open again (type {@code case.reopened}), by an agent or by the customer writing within the reopen window. */
public record CaseReopened(CaseEventHeader header, CaseStatus from, boolean byCustomer) implements CaseEvent {

    @Override
    public String type() {
        return "case.reopened";
    }

    @Override
    public Map<String, Object> attributes() {
        return Map.of("from", from.wire(), "byCustomer", byCustomer);
    }
}
