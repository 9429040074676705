package org.switchboard.customer;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The customer directory as other modules use it. */
public interface Customers {

    /**
     * The customer who owns this identity, created (with the identity) when there is none. Safe under
     * concurrency: two callers with the same new identity get the same customer.
     *
     * @param nameHint a display name for a new customer (e.g. the email's display name), may be null
     */
    CustomerId identifyOrCreate(ChannelIdentity identity, String nameHint);

    Optional<CustomerSummary> find(CustomerId id);

    Map<CustomerId, CustomerSummary> findAll(Collection<CustomerId> ids);
}
