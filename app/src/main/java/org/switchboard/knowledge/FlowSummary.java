package org.switchboard.knowledge;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A flow as lists show it.
 *
 * @param audience {@code agents}, {@code customers} or {@code both}
 * @param publishedVersion the version new runs start on; null before the first publication
 * @param version the optimistic-locking version of the draft (the ETag)
 */
public record FlowSummary(
        FlowId id,
        String name,
        String audience,
        @Nullable String language,
        @Nullable Integer publishedVersion,
        Instant updatedAt,
        long version) {

    public boolean forAgents() {
        return !audience.equals("customers");
    }

    public boolean forCustomers() {
        return !audience.equals("agents");
    }
}
