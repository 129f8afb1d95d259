package dev.hubpress.it;

import dev.hubpress.it.SamTranslation.Environment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stages of samconfig.toml deployed "by translation" into one account: the SAM translator
 * turns template.yaml into each stage's CloudFormation document, and no two stacks give a
 * resource the same physical name (an S3 bucket, a schedule, a log group… exists once per
 * account and region, or once worldwide: the second stack to create it fails, or takes the first
 * one's over).
 */
class StagesTest {

    /**
     * Where each resource type carries its physical name (a nested property as a dotted path).
     * Every property whose name ends in "Name" must be listed here or in {@link #NOT_PHYSICAL_NAMES}:
     * a resource type this test does not know fails it, so a new kind of named resource is checked too.
     */
    private static final Map<String, List<String>> PHYSICAL_NAMES = Map.ofEntries(
            Map.entry("AWS::S3::Bucket", List.of("BucketName")),
            Map.entry("AWS::DynamoDB::Table", List.of("TableName")),
            Map.entry("AWS::SQS::Queue", List.of("QueueName")),
            Map.entry("AWS::SNS::Topic", List.of("TopicName")),
            Map.entry("AWS::Lambda::Function", List.of("FunctionName")),
            Map.entry("AWS::Logs::LogGroup", List.of("LogGroupName")),
            Map.entry("AWS::CloudWatch::Alarm", List.of("AlarmName")),
            Map.entry("AWS::Scheduler::Schedule", List.of("Name")),
            Map.entry("AWS::Scheduler::ScheduleGroup", List.of("Name")),
            Map.entry("AWS::CloudFront::OriginAccessControl", List.of("OriginAccessControlConfig.Name")),
            Map.entry("AWS::CloudFront::CachePolicy", List.of("CachePolicyConfig.Name")),
            Map.entry("AWS::CloudFront::OriginRequestPolicy", List.of("OriginRequestPolicyConfig.Name")),
            Map.entry("AWS::CloudFront::ResponseHeadersPolicy", List.of("ResponseHeadersPolicyConfig.Name")),
            Map.entry("AWS::CloudFront::Function", List.of("Name")),
            Map.entry("AWS::SecretsManager::Secret", List.of("Name")),
            Map.entry("AWS::IAM::Role", List.of("RoleName")),
            Map.entry("AWS::IAM::ManagedPolicy", List.of("ManagedPolicyName")),
            Map.entry("AWS::KMS::Alias", List.of("AliasName")),
            Map.entry("AWS::SES::ConfigurationSet", List.of("Name")),
            Map.entry("AWS::SES::EmailIdentity", List.of("EmailIdentity")),
            Map.entry("AWS::Events::Rule", List.of("Name")),
            Map.entry("AWS::Pipes::Pipe", List.of("Name")));

    /** "…Name" properties that name something else, or a name unique only within its parent. */
    private static final Set<String> NOT_PHYSICAL_NAMES = Set.of(
            "AWS::Lambda::Permission.FunctionName", "AWS::Lambda::EventSourceMapping.FunctionName",
            "AWS::Lambda::EventInvokeConfig.FunctionName",
            "AWS::ApiGatewayV2::Stage.StageName", "AWS::ApiGatewayV2::Api.Name",
            "AWS::SES::ConfigurationSetEventDestination.ConfigurationSetName",
            "AWS::Logs::SubscriptionFilter.LogGroupName", "AWS::Logs::SubscriptionFilter.FilterName",
            "AWS::CloudWatch::Alarm.MetricName");

    @Test
    void everyStageTranslatesIntoCloudFormation() {
        // GIVEN samconfig.toml's environments
        // WHEN the SAM translator deploys the template with each one's parameters
        Map<String, Environment> environments = SamTranslation.environments();

        // THEN each is a plain CloudFormation document, dev and prod among them
        assertThat(environments).containsKeys("dev", "prod");
        environments.values().forEach(env -> {
            assertThat(env.template()).as(env.name()).doesNotContainKey("Transform");
            assertThat(env.resources().values()).as(env.name())
                    .noneMatch(r -> String.valueOf(map(r).get("Type")).startsWith("AWS::Serverless::"));
        });
    }

    @Test
    void noTwoStacksOfOneAccountNameAResourceAlike() {
        // GIVEN the translated stages, one stack each (samconfig's default environment is the dev stack again)
        Map<String, Environment> stacks = new TreeMap<>();
        SamTranslation.environments().values().forEach(env -> stacks.putIfAbsent(env.stackName(), env));
        assertThat(stacks).hasSizeGreaterThanOrEqualTo(2);

        // WHEN every physical name each stack gives a resource it creates is evaluated
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        Set<String> unknown = new TreeSet<>();
        stacks.forEach((stack, env) -> names.put(stack, physicalNames(env, unknown)));

        // THEN every "…Name" property is known to this test, each stack names something, and no name is in two stacks
        assertThat(unknown).as("properties ending in Name that this test does not classify").isEmpty();
        names.forEach((stack, named) -> assertThat(named).as(stack).isNotEmpty());
        List<String> shared = new ArrayList<>();
        List<String> stackNames = new ArrayList<>(names.keySet());
        for (int i = 0; i < stackNames.size(); i++) {
            for (int j = i + 1; j < stackNames.size(); j++) {
                Map<String, String> a = names.get(stackNames.get(i));
                Map<String, String> b = names.get(stackNames.get(j));
                a.forEach((name, where) -> {
                    if (b.containsKey(name)) {
                        shared.add(name + ": " + where + " and " + b.get(name));
                    }
                });
            }
        }
        assertThat(shared).as("physical names two stacks share").isEmpty();
    }

    /** The physical names a stack gives the resources it creates: name to "stack resource.property". */
    private static Map<String, String> physicalNames(Environment env, Set<String> unknown) {
        StackValues stack = env.stack();
        Map<String, String> names = new TreeMap<>();
        env.resources().forEach((id, r) -> {
            Map<String, Object> resource = map(r);
            String type = (String) resource.get("Type");
            Map<String, Object> properties = map(resource.get("Properties"));
            List<String> paths = PHYSICAL_NAMES.getOrDefault(type, List.of());
            for (String property : new TreeSet<>(properties.keySet())) {
                boolean nameLike = property.endsWith("Name") || property.equals("EmailIdentity");
                if (nameLike && !paths.contains(property) && !NOT_PHYSICAL_NAMES.contains(type + "." + property)) {
                    unknown.add(type + "." + property);
                }
            }
            if (!stack.creates(resource)) {
                return;
            }
            for (String path : paths) {
                Object value = properties;
                for (String key : path.split("\\.")) {
                    value = map(value).get(key);
                }
                String name = value == null ? null : stack.evaluate(value);
                if (name != null) {
                    names.put(type + " " + name, env.stackName() + " " + id + "." + path);
                }
            }
        });
        return names;
    }
}
