package org.switchboard.knowledge;

import java.util.List;

/**
 * A category of the category tree as shown on an article.
 *
 * @param path the names from the root down to this category, e.g. {@code ["Billing", "Invoices"]}
 */
public record CategoryRef(String id, String name, List<String> path) {

    /** The path joined for display and filtering, {@code Billing / Invoices}. */
    public String pathText() {
        return String.join(" / ", path);
    }
}
