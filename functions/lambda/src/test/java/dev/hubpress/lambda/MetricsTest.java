package dev.hubpress.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.Json;
import dev.hubpress.core.testing.FixedClock;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Metrics metrics = new Metrics("site", "prod", new PrintStream(out, true, StandardCharsets.UTF_8), FixedClock.standard());

    @Test
    void aLineIsTheEmfDirectiveOfTheFunctionAndItsMetricsWithTheirUnitsThenTheValuesAndProperties() {
        // GIVEN metrics of the three units, not in Metric's order
        Map<Metric, Number> figures = new LinkedHashMap<>();
        figures.put(Metric.RENDER_MILLIS, 15L);
        figures.put(Metric.OBJECTS_RENDERED, 3);
        figures.put(Metric.BYTES_RENDERED, 2048L);

        // WHEN they are emitted with a property
        metrics.emit(figures, Map.of("revision", "r1"));

        // THEN one line: namespace hubpress, one dimension set of Function and Stage, each metric named with its unit
        // (in Metric's order), the function and the stage, the values as numbers, the property
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"_aws\":{\"Timestamp\":" + FixedClock.INSTANT.toEpochMilli()
                + ",\"CloudWatchMetrics\":[{\"Namespace\":\"hubpress\",\"Dimensions\":[[\"Function\",\"Stage\"]],\"Metrics\":["
                + "{\"Name\":\"ObjectsRendered\",\"Unit\":\"Count\"},{\"Name\":\"BytesRendered\",\"Unit\":\"Bytes\"},"
                + "{\"Name\":\"RenderMillis\",\"Unit\":\"Milliseconds\"}]}]},"
                + "\"Function\":\"site\",\"Stage\":\"prod\",\"ObjectsRendered\":3.0,\"BytesRendered\":2048.0,\"RenderMillis\":15.0,"
                + "\"revision\":\"r1\"}" + System.lineSeparator());
    }

    @Test
    void everyDimensionTheDirectiveNamesIsAValueOfTheLine() throws Exception {
        // GIVEN metrics of a function in a stage
        // WHEN they are emitted
        metrics.emit(Map.of(Metric.CHANNEL_FAILURES, 0), Map.of());

        // THEN CloudWatch finds every dimension the directive names as a string member of the line (a missing one
        // makes it drop the metric), Function and Stage among them
        JsonNode line = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode dimensions = line.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").path(0);
        assertThat(dimensions).extracting(JsonNode::asText).containsExactly(Metrics.FUNCTION, Metrics.STAGE);
        for (JsonNode dimension : dimensions) {
            assertThat(line.path(dimension.asText()).isTextual()).as(dimension.asText()).isTrue();
        }
        assertThat(line.path(Metrics.STAGE).asText()).isEqualTo("prod");
    }

    @Test
    void aMetricWithoutAStageIsRefused() {
        // GIVEN no stage (STAGE unset would give null and fail at Env.required; blank is the other way to lose it)
        // WHEN metrics are made for it
        // THEN they are refused at once, not written under a blank dimension CloudWatch would drop
        assertThatThrownBy(() -> new Metrics("site", " ", System.out, FixedClock.standard()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stage");
    }

    @Test
    void everyMetricIsListedWithItsUnitAndValue() throws Exception {
        // GIVEN every metric, each with its own value
        Map<Metric, Number> figures = new EnumMap<>(Metric.class);
        Arrays.stream(Metric.values()).forEach(m -> figures.put(m, m.ordinal() + 1));

        // WHEN they are emitted in one line
        metrics.emit(figures, Map.of());

        // THEN the directive names each once with its unit, and the line carries its value under that name
        JsonNode line = Json.MAPPER.readTree(out.toString(StandardCharsets.UTF_8));
        JsonNode definitions = line.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics");
        assertThat(definitions).hasSize(Metric.values().length);
        for (Metric metric : Metric.values()) {
            JsonNode definition = definitions.get(metric.ordinal());
            assertThat(definition.path("Name").asText()).isEqualTo(metric.cloudWatchName());
            assertThat(definition.path("Unit").asText()).as(metric.name()).isEqualTo(switch (metric.unit()) {
                case COUNT -> "Count";
                case BYTES -> "Bytes";
                case MILLISECONDS -> "Milliseconds";
            });
            assertThat(line.path(metric.cloudWatchName()).asDouble()).as(metric.name()).isEqualTo(metric.ordinal() + 1);
        }
    }

    @Test
    void eachMetricIsNamedInCloudWatchAsItsConstantInCamelCaseAndFoundByThatNameOnly() {
        for (Metric metric : Metric.values()) {
            // GIVEN a metric's constant, in CamelCase (CHANNEL_FAILURES: ChannelFailures)
            StringBuilder camel = new StringBuilder();
            Matcher word = Pattern.compile("([A-Z])([A-Z]*)").matcher(metric.name());
            while (word.find()) {
                camel.append(word.group(1)).append(word.group(2).toLowerCase(Locale.ROOT));
            }

            // WHEN the metric is looked up by that name
            // THEN that is its CloudWatch name, and the name finds it
            assertThat(metric.cloudWatchName()).isEqualTo(camel.toString());
            assertThat(Metric.named(camel.toString())).contains(metric);
        }
        // AND a name off by a letter or by case finds nothing
        assertThat(Metric.named("ChannelFailure")).isEmpty();
        assertThat(Metric.named("channelFailures")).isEmpty();
    }
}
