package dev.hubpress.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubpress.aws.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudWatch metrics in Embedded Metric Format: one JSON line on standard output per emission,
 * which CloudWatch turns into metrics of the namespace {@value #NAMESPACE}, by function. No
 * library and no API call: the line is the metric.
 */
public final class Metrics {

    public static final String NAMESPACE = "hubpress";

    private final String function;
    private final PrintStream out;
    private final Clock clock;

    public Metrics(String function, PrintStream out, Clock clock) {
        this.function = function;
        this.out = out;
        this.clock = clock;
    }

    public static Metrics stdout(String function) {
        return new Metrics(function, System.out, Clock.systemUTC());
    }

    /** A metric value with its CloudWatch unit (Count, Bytes, Milliseconds). */
    public record Value(double value, String unit) {
        public static Value count(double n) {
            return new Value(n, "Count");
        }

        public static Value bytes(double n) {
            return new Value(n, "Bytes");
        }

        public static Value millis(double n) {
            return new Value(n, "Milliseconds");
        }
    }

    /** Emits the metrics, dimensioned by function; {@code properties} ride along as searchable fields. */
    public void emit(Map<String, Value> metrics, Map<String, String> properties) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Function");
        ArrayNode definitions = directive.putArray("Metrics");
        line.put("Function", function);
        Map<String, Value> ordered = new LinkedHashMap<>(metrics);
        ordered.forEach((name, value) -> {
            definitions.addObject().put("Name", name).put("Unit", value.unit());
            line.put(name, value.value());
        });
        properties.forEach(line::put);
        String text = line.toString();
        synchronized (out) {
            out.println(text);
        }
    }
}
