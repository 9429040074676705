package org.switchboard.cases;

import org.jspecify.annotations.Nullable;
import org.switchboard.customer.CustomerId;

/** The customer of a case as shown with it. */
public record CustomerRef(
        CustomerId id, @Nullable String name, @Nullable String email) {}
