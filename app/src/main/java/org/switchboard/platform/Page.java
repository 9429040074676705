package org.switchboard.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a cursor-paged list. {@code nextCursor} is absent on the last page.
 *
 * @param <T> the item type
 */
public record Page<T>(
        List<T> items,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), nextCursor);
    }

    /**
     * Builds a page from a query that fetched one row more than the limit: that extra row proves a next page
     * exists, and the cursor is made from the last row returned.
     */
    public static <T> Page<T> fromOverfetch(List<T> rows, int limit, Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, Cursor.encode(cursorOf.apply(items.getLast())));
    }
}
