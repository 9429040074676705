package org.switchboard.customer.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the customer module, bound from {@code switchboard.customer.*}.
 *
 * @param tiers the customer tiers and their numeric values (added to a work item's priority); the
 *     defaults are {@code standard: 0}, {@code gold: 10}, {@code platinum: 20}. Names are lower-case
 *     words; {@code standard} is always present (new customers get it).
 */
@ConfigurationProperties("switchboard.customer")
public record CustomerProperties(@Nullable Map<String, Integer> tiers) {

    public static final String DEFAULT_TIER = "standard";

    public CustomerProperties {
        Map<String, Integer> configured = new LinkedHashMap<>();
        if (tiers == null || tiers.isEmpty()) {
            configured.put(DEFAULT_TIER, 0);
            configured.put("gold", 10);
            configured.put("platinum", 20);
        } else {
            tiers.forEach((name, value) -> configured.put(name.trim().toLowerCase(Locale.ROOT), value));
            configured.putIfAbsent(DEFAULT_TIER, 0);
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        configured.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> ordered.put(e.getKey(), e.getValue()));
        tiers = java.util.Collections.unmodifiableMap(ordered);
    }

    /** The numeric value of a tier; a tier no longer configured counts as 0. */
    public int valueOf(String tier) {
        Integer value = tiers().get(tier);
        return value == null ? 0 : value;
    }

    public boolean knows(String tier) {
        return tiers().containsKey(tier);
    }

    /** Of two tiers, the one with the higher value. */
    public String higher(String a, String b) {
        return Comparator.comparingInt(this::valueOf).compare(a, b) >= 0 ? a : b;
    }

    @Override
    public Map<String, Integer> tiers() {
        return java.util.Objects.requireNonNull(tiers);
    }
}
