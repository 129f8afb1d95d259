package dev.hubpress.it;

import dev.hubpress.it.SamTranslation.Environment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static dev.hubpress.it.TemplateTest.TEMPLATE;
import static dev.hubpress.it.TemplateTest.functions;
import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asynchronous invocations (SNS, schedules, S3, EventBridge…) are retried twice by Lambda and
 * then dropped, unless the function has an on-failure destination: a subscription's or a
 * schedule's own dead-letter queue catches failed deliveries only, not a function that fails.
 * Every function such a source invokes sends its failed events to a queue an alarm watches.
 */
class FailureDestinationsTest {

    /** SAM event types Lambda invokes asynchronously. */
    static final Set<String> ASYNCHRONOUS = Set.of("SNS", "S3", "Schedule", "ScheduleV2", "EventBridgeRule",
            "CloudWatchEvent", "CloudWatchLogs", "IoTRule", "AlexaSkill", "Cognito");

    /** The functions an asynchronous source invokes, with their EventInvokeConfig. */
    static Map<String, Map<String, Object>> asynchronous() {
        Map<String, Map<String, Object>> functions = new TreeMap<>();
        functions().forEach((name, function) -> {
            boolean async = map(function.get("Events")).values().stream().anyMatch(e -> ASYNCHRONOUS.contains(map(e).get("Type")));
            if (async) {
                functions.put(name, map(function.get("EventInvokeConfig")));
            }
        });
        return functions;
    }

    @Test
    void everyAsynchronouslyInvokedFunctionSendsItsFailuresToAWatchedQueue() {
        // GIVEN the functions SNS or a schedule invoke (the bounce handler and the weekly digest at least)
        Map<String, Map<String, Object>> functions = asynchronous();
        assertThat(functions).containsKeys("BounceFunction", "WeeklyDigestFunction");
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));

        functions.forEach((name, config) -> {
            // WHEN its asynchronous invocation config is read
            Map<String, Object> onFailure = map(map(config.get("DestinationConfig")).get("OnFailure"));

            // THEN a failed event goes to an SQS queue of the template after a bounded number of retries
            assertThat(onFailure.get("Type")).as(name + " OnFailure type").isEqualTo("SQS");
            Object queue = list(map(onFailure.get("Destination")).get("Fn::GetAtt")).get(0);
            assertThat(map(resources.get(queue)).get("Type")).as(name + " OnFailure destination").isEqualTo("AWS::SQS::Queue");
            assertThat((Integer) config.get("MaximumRetryAttempts")).as(name).isBetween(0, 2);

            // AND an alarm goes off when a message waits there
            boolean watched = AlarmsTest.alarms().values().stream()
                    .anyMatch(alarm -> "AWS/SQS".equals(alarm.get("Namespace"))
                            && "ApproximateNumberOfMessagesVisible".equals(alarm.get("MetricName"))
                            && list(alarm.get("Dimensions")).contains(Map.of("Name", "QueueName",
                                    "Value", Map.of("Fn::GetAtt", List.of(queue, "QueueName")))));
            assertThat(watched).as(name + "'s failure queue " + queue + " has an alarm").isTrue();
        });
    }

    @Test
    void theTranslatedFunctionsMaySendToTheirFailureQueues() {
        // GIVEN the dev stage translated
        Environment dev = SamTranslation.environments().get("dev");
        Map<String, Object> resources = dev.resources();

        asynchronous().forEach((name, config) -> {
            Object queue = map(map(map(config.get("DestinationConfig")).get("OnFailure")).get("Destination"));
            // WHEN its event invoke config and its role are looked up
            boolean configured = resources.values().stream().map(TemplateTest::map)
                    .filter(r -> "AWS::Lambda::EventInvokeConfig".equals(r.get("Type")))
                    .map(r -> map(r.get("Properties")))
                    .anyMatch(p -> Map.of("Ref", name).equals(p.get("FunctionName"))
                            && queue.equals(map(map(p.get("DestinationConfig")).get("OnFailure")).get("Destination")));
            String role = (String) list(map(map(map(resources.get(name)).get("Properties")).get("Role")).get("Fn::GetAtt")).get(0);
            boolean maySend = list(map(map(resources.get(role)).get("Properties")).get("Policies")).stream()
                    .flatMap(policy -> list(map(map(policy).get("PolicyDocument")).get("Statement")).stream())
                    .map(TemplateTest::map)
                    .anyMatch(statement -> String.valueOf(statement.get("Action")).contains("sqs:SendMessage")
                            && String.valueOf(statement.get("Resource")).contains(String.valueOf(queue)));

            // THEN Lambda has the destination, and the function's role may send there
            assertThat(configured).as(name + ": AWS::Lambda::EventInvokeConfig with OnFailure " + queue).isTrue();
            assertThat(maySend).as(name + "'s role " + role + " may send to " + queue).isTrue();
        });
    }
}
