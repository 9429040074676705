package org.switchboard.platform;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads a JSON request body field by field, so a PATCH can tell an absent field from a {@code null}
 * one and every wrongly typed value is reported with its field name. Problems are collected; {@link
 * #check()} throws them all as one 400.
 */
public final class JsonBody {

    private final JsonNode node;
    private final String prefix;
    private final List<FieldProblem> problems;

    private JsonBody(JsonNode node, String prefix, List<FieldProblem> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    public static JsonBody of(@Nullable JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object");
        }
        return new JsonBody(node, "", new ArrayList<>());
    }

    /** The object in {@code field} (sharing this body's problems), or null when absent or not an object. */
    @Nullable
    public JsonBody object(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            problem(field, "must be an object");
            return null;
        }
        return new JsonBody(value, name(field) + ".", problems);
    }

    /** The objects of the array in {@code field}; each named {@code field[i]}. */
    public List<JsonBody> objects(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problem(field, "must be an array");
            return List.of();
        }
        List<JsonBody> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isObject()) {
                items.add(new JsonBody(item, name(field) + "[" + i + "].", problems));
            } else {
                problem(field + "[" + i + "]", "must be an object");
            }
        }
        return items;
    }

    public boolean has(String field) {
        return node.has(field);
    }

    public boolean isNull(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNull();
    }

    public boolean isString(String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString();
    }

    @Nullable
    public String string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            problem(field, "must be a string");
            return null;
        }
        return value.stringValue();
    }

    @Nullable
    public List<String> strings(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            problem(field, "must be an array of strings");
            return null;
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isString()) {
                items.add(item.stringValue());
            } else {
                problem(field + "[" + i + "]", "must be a string");
            }
        }
        return items;
    }

    @Nullable
    public Integer integer(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            problem(field, "must be a whole number");
            return null;
        }
        return value.intValue();
    }

    @Nullable
    public Boolean bool(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** The full name of a field of this object, e.g. {@code identities[0].value}. */
    public String name(String field) {
        return prefix + field;
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(name(field), message));
    }

    public void check() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }
}
