package dev.hubpress.it;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Lambda event filtering as the tests need it: a record is delivered when it matches any filter
 * pattern; a pattern matches when every key matches, an array of values means "one of these",
 * and {@code {"exists": true}} in such an array matches any value that is there: the two kinds of
 * matching template.yaml uses. The IT delivers stream records
 * through the template's own patterns, so the template's filter and the item's shape are tested together.
 */
final class StreamFilter {

    private StreamFilter() {
    }

    static List<String> patterns(Map<String, Object> eventProperties) {
        List<String> patterns = new ArrayList<>();
        for (Object filter : TemplateTest.list(TemplateTest.map(eventProperties.get("FilterCriteria")).get("Filters"))) {
            patterns.add((String) TemplateTest.map(filter).get("Pattern"));
        }
        return patterns;
    }

    static boolean matches(List<String> patterns, JsonNode record) {
        for (String pattern : patterns) {
            try {
                if (matches(Json.MAPPER.readTree(pattern), record)) {
                    return true;
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("bad filter pattern " + pattern, e);
            }
        }
        return false;
    }

    private static boolean matches(JsonNode pattern, JsonNode value) {
        if (pattern.isArray()) {
            boolean present = value != null && !value.isMissingNode() && !value.isNull();
            for (JsonNode allowed : pattern) {
                if (allowed.isObject() && allowed.has("exists")) {
                    if (allowed.get("exists").asBoolean() && present) {
                        return true;
                    }
                    continue;
                }
                if (!present || value.isContainerNode()) {
                    continue;
                }
                if (allowed.isValueNode() && allowed.asText().equals(value.asText()) && allowed.isNumber() == value.isNumber()) {
                    return true;
                }
            }
            return false;
        }
        if (value == null || !value.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = pattern.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!matches(field.getValue(), value.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
