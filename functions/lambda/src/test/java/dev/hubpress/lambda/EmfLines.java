package dev.hubpress.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hubpress.aws.Json;

import java.util.EnumSet;
import java.util.Set;

/** A function's output read back as CloudWatch reads it: which metrics its EMF lines declare. */
public final class EmfLines {

    private EmfLines() {
    }

    /** The metrics the EMF lines of that output (one JSON object a line) declare; log lines declare none. */
    public static Set<Metric> metrics(String output) {
        Set<Metric> metrics = EnumSet.noneOf(Metric.class);
        for (String line : output.lines().toList()) {
            JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
            for (JsonNode directive : node.path("_aws").path("CloudWatchMetrics")) {
                for (JsonNode definition : directive.path("Metrics")) {
                    String name = definition.path("Name").asText();
                    metrics.add(Metric.named(name).orElseThrow(() -> new AssertionError("not a Metric: " + name)));
                }
            }
        }
        return metrics;
    }
}
