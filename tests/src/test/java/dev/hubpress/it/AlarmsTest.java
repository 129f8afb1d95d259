package dev.hubpress.it;

import dev.hubpress.functions.BounceFunction;
import dev.hubpress.functions.ChannelFunction;
import dev.hubpress.functions.DigestPlannerFunction;
import dev.hubpress.functions.DigestSenderFunction;
import dev.hubpress.functions.DispatchFunction;
import dev.hubpress.functions.DigestRunner;
import dev.hubpress.functions.IngestFunction;
import dev.hubpress.functions.SubscriptionFunction;
import dev.hubpress.functions.SubscriptionRequestFunction;
import dev.hubpress.functions.WeeklyDigestFunction;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.Metric;
import dev.hubpress.lambda.Metrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.hubpress.it.TemplateTest.TEMPLATE;
import static dev.hubpress.it.TemplateTest.functions;
import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml's CloudWatch alarms against the metrics the functions emit: an alarm on the
 * {@value Metrics#NAMESPACE} namespace names a {@link Metric}, under the Function dimension of a
 * function that emits it and the Stage dimension of the stack's own stage, and every failure
 * metric is watched. A typo on either side would otherwise leave an alarm watching a metric
 * nobody writes, silently. And the alarms AWS's own metrics give: every function's Errors, every
 * stream consumer's IteratorAge; metric math that a sparse series cannot blank.
 */
class AlarmsTest {

    /**
     * Failure metrics no alarm watches, and why. MessagesFailed counts messages that go back to the
     * ingest queue: after their receives they land in the ingest DLQ, which IngestDeadLetterAlarm
     * watches; those of a failed ingest are counted by IngestFailures too, which has its alarm.
     * Alarming on each receive of a stray message would only say the same thing five times sooner.
     */
    private static final Set<Metric> UNWATCHED = Set.of(Metric.MESSAGES_FAILED);

    /** Handlers that emit no metric. */
    // RollbackFunction: an operator's invocation answers the operator; its one failure, a crash, is Lambda's Errors.
    private static final Set<Class<?>> SILENT = Set.of(SubscriptionFunction.class, dev.hubpress.functions.RollbackFunction.class);

    /** What a handler emits, under the Function dimension it names itself with (channels: below). */
    private static final Map<Class<?>, Emitter> EMITTERS = Map.of(
            IngestFunction.class, new Emitter(IngestFunction.FUNCTION, IngestFunction.METRICS),
            DispatchFunction.class, new Emitter(DispatchFunction.FUNCTION, DispatchFunction.METRICS),
            DigestPlannerFunction.class, new Emitter(DigestPlannerFunction.FUNCTION, DigestRunner.PLANNER_METRICS),
            DigestSenderFunction.class, new Emitter(DigestSenderFunction.FUNCTION, DigestRunner.SENDER_METRICS),
            WeeklyDigestFunction.class, new Emitter(WeeklyDigestFunction.FUNCTION, DigestRunner.PLANNER_METRICS),
            BounceFunction.class, new Emitter(BounceFunction.FUNCTION, BounceFunction.METRICS),
            SubscriptionRequestFunction.class, new Emitter(SubscriptionRequestFunction.FUNCTION, SubscriptionRequestFunction.METRICS));

    /** The metrics a function emits, and the value of their Function dimension. */
    record Emitter(String function, Set<Metric> metrics) {
    }

    /** One metric an alarm reads: the alarm's own, or that of one of its metric-math entries. */
    record Watched(String alarm, Object namespace, Object name, List<Object> dimensions) {

        /**
         * The Function dimension's value, if the metric's dimensions are exactly those {@link Metrics}
         * writes: Function, and Stage as the stack's own {@code !Ref Stage}.
         */
        Optional<Object> function() {
            Map<Object, Object> byName = new TreeMap<>();
            dimensions.forEach(d -> byName.put(map(d).get("Name"), map(d).get("Value")));
            return dimensions.size() == 2 && byName.keySet().equals(Set.of(Metrics.FUNCTION, Metrics.STAGE))
                    && Map.of("Ref", "Stage").equals(byName.get(Metrics.STAGE))
                    ? Optional.ofNullable(byName.get(Metrics.FUNCTION)) : Optional.empty();
        }

        /** The value of a dimension the metric names alone (AWS/Lambda's FunctionName). */
        Optional<Object> only(String dimension) {
            return dimensions.size() == 1 && dimension.equals(map(dimensions.get(0)).get("Name"))
                    ? Optional.ofNullable(map(dimensions.get(0)).get("Value")) : Optional.empty();
        }
    }

    /** Every deployed function that emits metrics, by the value of their Function dimension. */
    static Map<String, Set<Metric>> emitted() throws ClassNotFoundException {
        Map<String, Set<Metric>> emitted = new TreeMap<>();
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            String handler = (String) function.getValue().get("Handler");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));
            if (SILENT.contains(type)) {
                continue;
            }
            // A channel function is named by the channel the template gives it.
            Emitter emitter = type == ChannelFunction.class
                    ? new Emitter((String) map(map(function.getValue().get("Environment")).get("Variables")).get(Env.CHANNEL),
                    ChannelFunction.METRICS)
                    : EMITTERS.get(type);
            assertThat(emitter).as(function.getKey() + " (" + type.getName() + "): say here what it emits, under which Function")
                    .isNotNull();
            assertThat(emitter.function()).as(function.getKey() + "'s Function dimension").isNotBlank();
            assertThat(emitted.put(emitter.function(), emitter.metrics())).as("two functions emit as " + emitter.function()).isNull();
        }
        return emitted;
    }

    /** Every metric the template's alarms read. */
    static List<Watched> watched() {
        List<Watched> watched = new ArrayList<>();
        map(TEMPLATE.get("Resources")).forEach((name, resource) -> {
            if (!"AWS::CloudWatch::Alarm".equals(map(resource).get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(map(resource).get("Properties"));
            if (properties.containsKey("MetricName")) {
                watched.add(new Watched(name, properties.get("Namespace"), properties.get("MetricName"), list(properties.get("Dimensions"))));
            }
            for (Object entry : list(properties.get("Metrics"))) {
                Map<String, Object> metric = map(map(map(entry).get("MetricStat")).get("Metric"));
                if (!metric.isEmpty()) {
                    watched.add(new Watched(name, metric.get("Namespace"), metric.get("MetricName"), list(metric.get("Dimensions"))));
                }
            }
        });
        return watched;
    }

    @Test
    void everyAlarmOnTheHubpressNamespaceWatchesAMetricThatTheFunctionItNamesEmits() throws Exception {
        // GIVEN the metrics each deployed function emits, by Function dimension, as the code declares them
        Map<String, Set<Metric>> emitted = emitted();

        // WHEN each metric an alarm reads is looked up there
        List<String> wrong = new ArrayList<>();
        List<Watched> ours = new ArrayList<>();
        for (Watched metric : watched()) {
            String where = metric.alarm() + " " + metric.namespace() + "/" + metric.name() + " " + metric.dimensions();
            if (!Metrics.NAMESPACE.equals(metric.namespace())) {
                if (!(metric.namespace() instanceof String namespace && namespace.startsWith("AWS/"))) {
                    wrong.add(where + ": neither " + Metrics.NAMESPACE + " nor an AWS namespace");
                }
                continue;
            }
            ours.add(metric);
            Optional<Metric> named = metric.name() instanceof String name ? Metric.named(name) : Optional.empty();
            Optional<Object> function = metric.function();
            if (named.isEmpty()) {
                wrong.add(where + ": no function emits a metric of that name; the metrics are "
                        + Arrays.stream(Metric.values()).map(Metric::cloudWatchName).toList());
            } else if (function.isEmpty()) {
                wrong.add(where + ": the metrics have two dimensions, Function and Stage (!Ref Stage), and the alarm must name"
                        + " both and nothing else");
            } else if (!emitted.getOrDefault(function.get(), Set.of()).contains(named.get())) {
                wrong.add(where + ": function " + function.get() + " does not emit " + named.get().cloudWatchName()
                        + "; the functions emit " + emitted);
            }
        }

        // THEN there are such alarms, and each names a metric the function it names emits
        assertThat(ours).isNotEmpty();
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyFailureMetricIsWatchedForEveryFunctionThatEmitsIt() throws Exception {
        // GIVEN the metrics whose name says a failure, and the functions that emit them
        Map<String, Set<Metric>> emitted = emitted();
        List<Metric> failures = Arrays.stream(Metric.values()).filter(m -> m.cloudWatchName().contains("Fail")).toList();
        assertThat(failures).isNotEmpty();
        assertThat(failures).containsAll(UNWATCHED);

        // WHEN the alarms' metrics on the hubpress namespace are listed as "metric of function"
        Set<String> watched = new TreeSet<>();
        for (Watched metric : watched()) {
            if (Metrics.NAMESPACE.equals(metric.namespace())) {
                watched.add(metric.name() + " of " + metric.function().orElse(""));
            }
        }

        // THEN each failure metric of each function that emits it is watched, but for those UNWATCHED explains
        List<String> expected = new ArrayList<>();
        List<String> unwatched = new ArrayList<>();
        emitted.forEach((function, metrics) -> failures.stream().filter(metrics::contains).forEach(failure ->
                (UNWATCHED.contains(failure) ? unwatched : expected).add(failure.cloudWatchName() + " of " + function)));
        assertThat(watched).containsAll(expected);
        assertThat(watched).as("watched now: drop it from UNWATCHED").doesNotContainAnyElementsOf(unwatched);
    }

    /** The alarms' properties, by logical id. */
    static Map<String, Map<String, Object>> alarms() {
        return new TreeMap<>(TemplateTest.resources("AWS::CloudWatch::Alarm"));
    }

    /** The functions watched on that AWS/Lambda metric (FunctionName dimension, a !Ref of the function). */
    private static Set<Object> lambdaMetricWatched(String metricName) {
        Set<Object> functions = new TreeSet<>();
        for (Watched metric : watched()) {
            if ("AWS/Lambda".equals(metric.namespace()) && metricName.equals(metric.name())) {
                metric.only("FunctionName").map(v -> map(v).get("Ref")).ifPresent(functions::add);
            }
        }
        return functions;
    }

    @Test
    void everyFunctionHasAnErrorsAlarm() {
        // GIVEN every function of the template
        Set<String> functions = new TreeSet<>(functions().keySet());

        // WHEN the alarms on AWS/Lambda Errors are listed by the function their FunctionName dimension names
        Set<Object> watched = lambdaMetricWatched("Errors");

        // THEN each function has one: a crash, a timeout or an out-of-memory is never silent
        assertThat(watched).as("functions whose Errors an alarm watches").containsAll(functions);
    }

    @Test
    void everyStreamConsumerHasAnIteratorAgeAlarm() {
        // GIVEN the functions a DynamoDB or Kinesis stream invokes
        Set<String> consumers = new TreeSet<>();
        functions().forEach((name, function) -> map(function.get("Events")).values().forEach(event -> {
            if (Set.of("DynamoDB", "Kinesis").contains(map(event).get("Type"))) {
                consumers.add(name);
            }
        }));
        assertThat(consumers).isNotEmpty();

        // WHEN the alarms on AWS/Lambda IteratorAge are listed by function
        Set<Object> watched = lambdaMetricWatched("IteratorAge");

        // THEN each consumer has one, on the maximum age (the oldest record waiting)
        assertThat(watched).as("stream consumers whose IteratorAge an alarm watches").containsAll(consumers);
        alarms().forEach((name, alarm) -> {
            if ("IteratorAge".equals(alarm.get("MetricName"))) {
                assertThat(alarm.get("Statistic")).as(name).isEqualTo("Maximum");
            }
        });
    }

    @Test
    void metricMathFillsEveryTermSoASparseSeriesStillAlarms() {
        // GIVEN the alarms that compute an expression over metrics
        Map<String, Map<String, Object>> mathAlarms = new TreeMap<>(alarms());
        mathAlarms.values().removeIf(alarm -> !alarm.containsKey("Metrics"));
        assertThat(mathAlarms).isNotEmpty();

        for (Map.Entry<String, Map<String, Object>> alarm : mathAlarms.entrySet()) {
            // WHEN each term (a metric's id) is looked for in the expressions outside FILL(id, 0)
            Set<String> ids = new TreeSet<>();
            List<String> expressions = new ArrayList<>();
            for (Object entry : list(alarm.getValue().get("Metrics"))) {
                if (map(entry).containsKey("MetricStat")) {
                    ids.add((String) map(entry).get("Id"));
                } else {
                    expressions.add((String) map(entry).get("Expression"));
                }
            }
            assertThat(expressions).as(alarm.getKey()).isNotEmpty();
            for (String expression : expressions) {
                String bare = expression.replaceAll("FILL\\(\\s*\\w+\\s*,\\s*0\\s*\\)", "");
                // THEN there is none: a term without a datapoint (no failure, so no EMF line) would blank the result
                Set<String> unfilled = new TreeSet<>(ids);
                unfilled.retainAll(Set.of(bare.split("\\W+")));
                assertThat(unfilled).as(alarm.getKey() + ": terms of '" + expression + "' not wrapped in FILL(term, 0)").isEmpty();
            }
        }
    }

    @Test
    void everyAlarmNotifiesTheAlarmTopic() {
        // GIVEN every alarm
        // WHEN its actions are read
        // THEN it notifies the alarm topic when it goes off
        alarms().forEach((name, alarm) -> assertThat(list(alarm.get("AlarmActions"))).as(name)
                .contains(Map.of("Ref", "AlarmTopic")));
    }
}
