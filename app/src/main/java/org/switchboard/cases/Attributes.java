package org.switchboard.cases;

import java.util.LinkedHashMap;
import java.util.Map;

/** Event attribute maps that may hold nulls (Map.of refuses them); values become strings. */
final class Attributes {

    private Attributes() {}

    static Map<String, Object> of(Object... keysAndValues) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value == null ? null : value.toString());
        }
        return map;
    }
}
