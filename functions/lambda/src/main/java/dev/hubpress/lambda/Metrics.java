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
 * which CloudWatch turns into metrics of the namespace {@value #NAMESPACE}, by function and stage
 * (the dimensions {@value #FUNCTION} and {@value #STAGE}: the dev and prod stacks of one account
 * never add up in one series, nor set off each other's alarms). No library and no API call: the
 * line is the metric. Only a {@link Metric} can be written.
 */
public final class Metrics {

    public static final String NAMESPACE = "hubpress";
    /** The dimension naming the function (its {@code FUNCTION} constant, or a channel function's channel). */
    public static final String FUNCTION = "Function";
    /** The dimension naming the deployment stage (template.yaml's {@code Stage}, through {@link Env#STAGE}). */
    public static final String STAGE = "Stage";

    private final String function;
    private final String stage;
    private final PrintStream out;
    private final Clock clock;

    public Metrics(String function, String stage, PrintStream out, Clock clock) {
        if (function.isBlank() || stage.isBlank()) {
            throw new IllegalArgumentException("a metric needs a function and a stage, not '" + function + "', '" + stage + "'");
        }
        this.function = function;
        this.stage = stage;
        this.out = out;
        this.clock = clock;
    }

    /** Metrics of that function on standard output, in the stage the environment names ({@link Env#STAGE}). */
    public static Metrics stdout(String function) {
        return new Metrics(function, Env.required(Env.STAGE), System.out, Clock.systemUTC());
    }

    /**
     * Emits the metrics, dimensioned by function and stage, in {@link Metric}'s order, each with its
     * unit; {@code properties} ride along as searchable fields.
     */
    public void emit(Map<Metric, ? extends Number> metrics, Map<String, String> properties) {
        ObjectNode line = Json.MAPPER.createObjectNode();
        ObjectNode aws = line.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", NAMESPACE);
        directive.putArray("Dimensions").addArray().add(FUNCTION).add(STAGE);
        ArrayNode definitions = directive.putArray("Metrics");
        line.put(FUNCTION, function);
        line.put(STAGE, stage);
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
