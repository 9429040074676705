package org.switchboard.knowledge.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A node of the category tree.
 *
 * @param path names from the root down to this category
 * @param depth 0 for a root category
 */
public record Category(String id, @Nullable String parentId, String name, int position, List<String> path, int depth) {

    public String pathText() {
        return String.join(" / ", path);
    }
}
