package dev.hubpress.lambda;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hubpress.aws.Json;

import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * CloudWatch metrics in Embedded Metric Format: one JSON line on standard output per emission,
 * which CloudWatch turns into metrics of the namespace {@value #NAMESPACE}, by function. No
 * library and no API call: the line is the metric. Only a {@link Metric} can be written.
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

    /**
     * Emits the metrics, dimensioned by function, in {@link Metric}'s order, each with its unit;
     * {@code properties} ride along as searchable fields.
     */
    public void emit(Map<Metric, ? extends Number> metrics, Map<String, String> properties) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add("Function");
        ArrayNode definitions = directive.putArray("Metrics");
        line.put("Function", function);
        Map<Metric, Number> ordered = new EnumMap<>(Metric.class);
        ordered.putAll(metrics);
        ordered.forEach((metric, value) -> {
            definitions.addObject().put("Name", metric.cloudWatchName()).put("Unit", metric.unit().cloudWatchName());
            line.put(metric.cloudWatchName(), value.doubleValue());
        });
        properties.forEach(line::put);
        String text = line.toString();
        synchronized (out) {
            out.println(text);
        }
    }
}
