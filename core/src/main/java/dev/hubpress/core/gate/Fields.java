package dev.hubpress.core.gate;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.YamlMapping;

import java.util.List;
import java.util.Optional;

/** Reading checked values out of YAML: a missing or ill-typed value becomes an error at its line. */
final class Fields {

    private final String path;
    private final List<GateError> errors;

    Fields(String path, List<GateError> errors) {
        this.path = path;
        this.errors = errors;
    }

    /** A required text value, stripped; empty (with an error) when missing, blank or not text. */
    Optional<String> required(YamlMapping yaml, String key) {
        Optional<String> value;
        try {
            value = yaml.string(key).map(String::strip);
        } catch (YamlMapping.Problem p) {
            report(p);
            return Optional.empty();
        }
        if (value.isEmpty() || value.get().isEmpty()) {
            error(yaml.lineOf(key), "missing required field '" + key + "'");
            return Optional.empty();
        }
        return value;
    }

    /** An optional text value; empty (with an error) when it is not text. */
    Optional<String> text(YamlMapping yaml, String key) {
        try {
            return yaml.string(key);
        } catch (YamlMapping.Problem p) {
            report(p);
            return Optional.empty();
        }
    }

    Optional<Long> integer(YamlMapping yaml, String key) {
        try {
            return yaml.integer(key);
        } catch (YamlMapping.Problem p) {
            report(p);
            return Optional.empty();
        }
    }

    void error(int line, String message) {
        errors.add(new GateError(path, line, message));
    }

    void report(YamlMapping.Problem p) {
        error(p.line(), p.getMessage());
    }
}
