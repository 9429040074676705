package org.switchboard.cases;

import org.switchboard.platform.InvalidInputException;

/** The order of a case list: {@code updated}, {@code created} or {@code priority}, {@code -} for descending. */
public enum CaseSort {
    UPDATED_ASC("updated"),
    UPDATED_DESC("-updated"),
    CREATED_ASC("created"),
    CREATED_DESC("-created"),
    PRIORITY_ASC("priority"),
    PRIORITY_DESC("-priority");

    private final String wire;

    CaseSort(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Parses {@code sort}; null means {@code -updated}; anything unknown is a 400 naming {@code sort}. */
    public static CaseSort of(String value) {
        if (value == null || value.isBlank()) {
            return UPDATED_DESC;
        }
        for (CaseSort sort : values()) {
            if (sort.wire.equals(value.trim())) {
                return sort;
            }
        }
        throw new InvalidInputException(
                "sort", "must be one of updated, -updated, created, -created, priority, -priority");
    }
}
