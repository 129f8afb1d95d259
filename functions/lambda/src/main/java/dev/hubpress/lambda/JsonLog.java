package dev.hubpress.lambda;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubpress.aws.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output, which CloudWatch Logs keeps as
 * JSON (the template sets {@code LogFormat: JSON}). Every line names the function and, when known,
 * the request id and the revision, so one revision can be followed across functions.
 */
public final class JsonLog {

    private final String function;
    private final PrintStream out;
    private final Clock clock;
    private volatile String requestId = "";

    public JsonLog(String function, PrintStream out, Clock clock) {
        this.function = function;
        this.out = out;
        this.clock = clock;
    }

    public static JsonLog stdout(String function) {
        return new JsonLog(function, System.out, Clock.systemUTC());
    }

    /** The invocation the following lines belong to. */
    public void requestId(String id) {
        this.requestId = id == null ? "" : id;
    }

    public void info(String message, Map<String, ?> fields) {
        log("INFO", message, fields);
    }

    public void warn(String message, Map<String, ?> fields) {
        log("WARN", message, fields);
    }

    public void error(String message, Map<String, ?> fields) {
        log("ERROR", message, fields);
    }

    private void log(String level, String message, Map<String, ?> fields) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("function", function);
        if (!requestId.isEmpty()) {
            line.put("requestId", requestId);
        }
        line.put("message", message);
        fields.forEach((key, value) -> line.set(key, Json.MAPPER.valueToTree(value)));
        String text = line.toString();
        synchronized (out) {
            out.println(text);
        }
    }
}
