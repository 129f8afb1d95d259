package dev.hubpress.it;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.lambda.Env;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml against the code: handlers exist with the handler type their event source
 * delivers, every environment variable a function reads is set, and every bucket and table a
 * function touches is covered by its policies with the access it needs (and no more than that
 * for the content bucket, which only ingest reads).
 */
class TemplateTest {

    static final Path ROOT = Repository.root();
    static final Map<String, Object> TEMPLATE = CloudFormationYaml.read(ROOT.resolve("template.yaml"));

    /** The event source of a function without Events: invoked directly. */
    static final String INVOKE = "Invoke";

    /** Event source type to the handler's type arguments. */
    private static final Map<String, List<Type>> HANDLER_TYPES = Map.of(
            "SQS", List.of(SQSEvent.class, SQSBatchResponse.class),
            "DynamoDB", List.of(DynamodbEvent.class, StreamsEventResponse.class),
            // Scheduler's default event has a string detail that ScheduledEvent cannot take (EventSamplesTest).
            "ScheduleV2", List.of(new TypeReference<Map<String, Object>>() { }.getType(), String.class),
            "HttpApi", List.of(APIGatewayV2HTTPEvent.class, APIGatewayV2HTTPResponse.class),
            "SNS", List.of(SNSEvent.class, String.class),
            // A function with no event source, invoked by an operator with a JSON object (aws lambda invoke).
            INVOKE, List.of(new TypeReference<Map<String, Object>>() { }.getType(), new TypeReference<Map<String, Object>>() { }.getType()));

    /** A function's event source types; {@link #INVOKE} alone for a function without Events. */
    static Set<String> eventSources(Map<String, Object> function) {
        Set<String> sources = new TreeSet<>();
        map(function.get("Events")).values().forEach(e -> sources.add((String) map(e).get("Type")));
        return sources.isEmpty() ? Set.of(INVOKE) : sources;
    }

    /** What each function does with each resource it names through an environment variable. */
    private static final Map<String, Map<String, Access>> ACCESS = Map.ofEntries(
            Map.entry("IngestFunction", Map.of("CONTENT_BUCKET", Access.READ, "STATE_BUCKET", Access.READ_WRITE,
                    "REVISIONS_TABLE", Access.READ_PUT)),
            Map.entry("RollbackFunction", Map.of("STATE_BUCKET", Access.READ_WRITE, "REVISIONS_TABLE", Access.READ_PUT)),
            Map.entry("SiteFunction", Map.of("STATE_BUCKET", Access.READ_WRITE, "SITE_BUCKET", Access.READ_WRITE_DELETE,
                    "REVISIONS_TABLE", Access.READ_UPDATE)),
            Map.entry("FeedFunction", Map.of("STATE_BUCKET", Access.READ_WRITE, "SITE_BUCKET", Access.READ_WRITE_DELETE,
                    "REVISIONS_TABLE", Access.READ_UPDATE)),
            Map.entry("GuideFunction", Map.of("STATE_BUCKET", Access.READ_WRITE, "SITE_BUCKET", Access.READ_WRITE_DELETE,
                    "REVISIONS_TABLE", Access.READ_UPDATE)),
            Map.entry("DispatchFunction", Map.of()),
            Map.entry("DigestPlannerFunction", Map.of("STATE_BUCKET", Access.READ, "REVISIONS_TABLE", Access.READ,
                    "SUBSCRIBERS_TABLE", Access.READ)),
            Map.entry("DigestSenderFunction", Map.of("STATE_BUCKET", Access.READ, "REVISIONS_TABLE", Access.READ,
                    "SUBSCRIBERS_TABLE", Access.CRUD, "LEDGER_TABLE", Access.CRUD)),
            Map.entry("WeeklyDigestFunction", Map.of("STATE_BUCKET", Access.READ, "REVISIONS_TABLE", Access.READ,
                    "SUBSCRIBERS_TABLE", Access.READ)),
            Map.entry("SubscriptionFunction", Map.of("STATE_BUCKET", Access.READ, "REVISIONS_TABLE", Access.READ,
                    "SUBSCRIBERS_TABLE", Access.CRUD, "SUBSCRIPTION_REQUESTS_TABLE", Access.PUT)),
            Map.entry("SubscriptionRequestFunction", Map.of("STATE_BUCKET", Access.READ, "REVISIONS_TABLE", Access.READ,
                    "SUBSCRIBERS_TABLE", Access.CRUD, "CONFIRMATION_BUDGET_TABLE", Access.CRUD)),
            Map.entry("BounceFunction", Map.of("SUBSCRIBERS_TABLE", Access.CRUD)));

    /**
     * READ: S3ReadPolicy or DynamoDBReadPolicy alone; CRUD: DynamoDBCrudPolicy (conditional puts and updates);
     * PUT: dynamodb:PutItem and nothing else (the subscribe endpoint, which must not read what it writes).
     */
    enum Access { READ, READ_WRITE, READ_WRITE_DELETE, READ_PUT, READ_UPDATE, CRUD, PUT }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }

    static Map<String, Map<String, Object>> functions() {
        return resources("AWS::Serverless::Function");
    }

    /** The properties of the template's resources of that type, by logical id, in template order. */
    static Map<String, Map<String, Object>> resources(String type) {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        map(TEMPLATE.get("Resources")).forEach((name, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                resources.put(name, map(map(resource).get("Properties")));
            }
        });
        return resources;
    }

    @Test
    void theTemplateDeploysEveryFunctionModuleAndNothingElse() throws IOException {
        Set<String> modules = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(ROOT.resolve("functions"))) {
            dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")) && !d.getFileName().toString().equals(SHARED))
                    .forEach(d -> modules.add(d.getFileName().toString()));
        }
        Set<String> deployed = new TreeSet<>();
        functions().values().forEach(f -> deployed.add(module(f)));
        assertThat(deployed).isEqualTo(modules);
        functions().forEach((name, f) -> assertThat(f.get("CodeUri")).as(name)
                .isEqualTo("functions/" + module(f) + "/target/" + artifactId(module(f)) + ".jar"));
    }

    /** The folder under functions/ of the library every function packages (not deployed itself). */
    static final String SHARED = "lambda";

    /** The module folder under functions/ a function's CodeUri names. */
    static String module(Map<String, Object> function) {
        return Path.of((String) function.get("CodeUri")).getName(1).toString();
    }

    /** A function module's artifactId, read from its pom: its jar is target/<artifactId>.jar. */
    static String artifactId(String module) {
        try {
            String pom = Files.readString(ROOT.resolve("functions/" + module + "/pom.xml"));
            Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
            assertThat(m.find()).as("artifactId of functions/" + module).isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The source of a handler class: in the function's own module, or in the shared library. */
    static Path handlerSource(Map<String, Object> function) {
        String handler = (String) function.get("Handler");
        String file = handler.substring(0, handler.indexOf("::")).replace('.', '/') + ".java";
        Path own = ROOT.resolve("functions/" + module(function) + "/src/main/java/" + file);
        return Files.isRegularFile(own) ? own : ROOT.resolve("functions/" + SHARED + "/src/main/java/" + file);
    }

    @Test
    void everyHandlerClassExistsInItsModuleWithTheTypeItsEventsNeed() throws Exception {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            String handler = (String) function.getValue().get("Handler");
            assertThat(handler).as(function.getKey()).endsWith("::handleRequest");
            String className = handler.substring(0, handler.indexOf("::"));
            assertThat(handlerSource(function.getValue())).as(function.getKey() + " handler source").isRegularFile();

            Class<?> type = Class.forName(className);
            assertThat(Modifier.isPublic(type.getConstructor().getModifiers())).as(className + " no-arg constructor").isTrue();
            Set<String> sources = eventSources(function.getValue());
            assertThat(sources).as(function.getKey() + " event sources").hasSize(1);
            List<Type> expected = HANDLER_TYPES.get(sources.iterator().next());
            assertThat(handlerTypeArguments(type)).as(className + " handler type").map(Type::getTypeName)
                    .isEqualTo(expected.stream().map(Type::getTypeName).toList());
        }
    }

    private static List<Type> handlerTypeArguments(Class<?> type) {
        for (Type candidate : type.getGenericInterfaces()) {
            if (candidate instanceof ParameterizedType parameterized && parameterized.getRawType() == RequestHandler.class) {
                return List.of(parameterized.getActualTypeArguments());
            }
        }
        return List.of();
    }

    @Test
    void everyEnvironmentVariableAFunctionReadsIsSet() throws Exception {
        Map<String, Object> globals = map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Map<String, Object> variables = new LinkedHashMap<>(globals);
            variables.putAll(map(map(function.getValue().get("Environment")).get("Variables")));
            Set<String> read = variablesRead(function.getValue());
            assertThat(read).as(function.getKey() + " reads").isNotEmpty();
            assertThat(variables.keySet()).as(function.getKey() + " environment").containsAll(read);
        }
    }

    /** The environment variables a handler reads: the {@link Env} constants its source names. */
    static Set<String> variablesRead(Map<String, Object> function) throws Exception {
        String source = handlerSources(function);
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("Env\\.required\\(Env\\.([A-Z_]+)\\)").matcher(source);
        while (m.find()) {
            Field field = Env.class.getField(m.group(1));
            names.add((String) field.get(null));
        }
        // And what the Env methods it calls read (Env.mailRouting(): MAIL_FROM, API_BASE_URL, UNSUBSCRIBE_MAILTO).
        String env = Files.readString(ROOT.resolve("functions/" + SHARED + "/src/main/java/dev/hubpress/lambda/Env.java"));
        Matcher call = Pattern.compile("Env\\.([a-z][A-Za-z]*)\\(\\)").matcher(source);
        while (call.find()) {
            Matcher method = Pattern.compile("public static \\w+ " + call.group(1) + "\\(\\) \\{(.*?)\\n    }", Pattern.DOTALL).matcher(env);
            assertThat(method.find()).as("Env." + call.group(1) + "() in Env.java").isTrue();
            Matcher read = Pattern.compile("(?:required|getenv)\\(([A-Z_]+)\\)").matcher(method.group(1));
            while (read.find()) {
                names.add((String) Env.class.getField(read.group(1)).get(null));
            }
        }
        return names;
    }

    /** The source a handler runs: its class, the classes of its module it names, and the shared library's it names. */
    static String handlerSources(Map<String, Object> function) throws IOException {
        String handler = (String) function.get("Handler");
        String className = handler.substring(0, handler.indexOf("::"));
        Path handlerFile = handlerSource(function);
        String handlerSource = Files.readString(handlerFile);
        StringBuilder sources = new StringBuilder(handlerSource);
        // A handler that delegates its wiring to a class of its module (DigestRunner) reads what that class reads.
        Path moduleSources = handlerFile.subpath(0, handlerFile.getNameCount() - className.split("\\.").length);
        try (Stream<Path> files = Files.walk(handlerFile.getRoot().resolve(moduleSources))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String simple = file.getFileName().toString().replace(".java", "");
                if (!file.toString().endsWith(className.replace('.', '/') + ".java") && handlerSource.contains(simple + ".")) {
                    sources.append(Files.readString(file));
                }
            }
        }
        // What the shared library reads at startup for the classes the handler uses (Metrics.stdout: STAGE).
        try (Stream<Path> files = Files.list(ROOT.resolve("functions/" + SHARED + "/src/main/java/dev/hubpress/lambda"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String simple = file.getFileName().toString().replace(".java", "");
                if (!simple.equals("Env") && sources.toString().contains(simple + ".")) {
                    sources.append(Files.readString(file));
                }
            }
        }
        return sources.toString();
    }

    @Test
    void everyBucketAndTableAFunctionTouchesIsCoveredByItsPolicies() throws Exception {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            String name = function.getKey();
            Map<String, Access> needs = ACCESS.get(name);
            assertThat(needs).as("access table of " + name).isNotNull();
            Map<String, Object> globals = map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables"));
            Map<String, Object> variables = new LinkedHashMap<>(globals);
            variables.putAll(map(map(function.getValue().get("Environment")).get("Variables")));
            Set<String> resourceVariables = new TreeSet<>();
            for (String variable : variablesRead(function.getValue())) {
                if (variable.endsWith("_BUCKET") || variable.endsWith("_TABLE")) {
                    resourceVariables.add(variable);
                }
            }
            assertThat(needs.keySet()).as(name + ": the access table names what the code reads").isEqualTo(resourceVariables);

            List<Object> policies = list(function.getValue().get("Policies"));
            for (String variable : resourceVariables) {
                Object ref = variables.get(variable);
                assertThat(ref).as(name + " " + variable + " is a !Ref").isInstanceOf(Map.class);
                String logicalId = (String) map(ref).get("Ref");
                assertThat(logicalId).as(name + " " + variable).isNotNull();
                Set<String> templates = new TreeSet<>();
                Set<String> actions = new TreeSet<>();
                for (Object policy : policies) {
                    map(policy).forEach((template, args) -> {
                        if (template.equals("Ref")) {
                            return; // a managed policy of the template (MailSendPolicy: SES only)
                        }
                        if (template.equals("Statement")) {
                            for (Object statement : list(args)) {
                                Object resource = map(statement).get("Resource");
                                if (resource instanceof Map<?, ?> r && r.containsKey("Fn::GetAtt")
                                        && list(r.get("Fn::GetAtt")).get(0).equals(logicalId)) {
                                    Object action = map(statement).get("Action");
                                    if (action instanceof String a) {
                                        actions.add(a);
                                    } else {
                                        list(action).forEach(a -> actions.add((String) a));
                                    }
                                }
                            }
                        } else {
                            Map<String, Object> parameters = map(args);
                            Object target = parameters.getOrDefault("BucketName", parameters.get("TableName"));
                            if (target instanceof Map<?, ?> t && logicalId.equals(t.get("Ref"))) {
                                templates.add(template);
                            }
                        }
                    });
                }
                Access access = needs.get(variable);
                String what = name + " " + variable + " (" + logicalId + ") " + access + ": " + templates + " " + actions;
                switch (access) {
                    case READ -> {
                        assertThat(templates).as(what).containsExactly(variable.endsWith("_BUCKET") ? "S3ReadPolicy" : "DynamoDBReadPolicy");
                        assertThat(actions).as(what).isEmpty();
                    }
                    case CRUD -> assertThat(templates).as(what).containsExactly("DynamoDBCrudPolicy");
                    case READ_WRITE -> assertThat(templates).as(what).containsExactlyInAnyOrder("S3ReadPolicy", "S3WritePolicy");
                    case READ_WRITE_DELETE -> assertThat(templates).as(what).containsExactly("S3CrudPolicy");
                    case READ_PUT -> {
                        assertThat(templates).as(what).containsExactly("DynamoDBReadPolicy");
                        assertThat(actions).as(what).containsExactly("dynamodb:PutItem");
                    }
                    case PUT -> {
                        assertThat(templates).as(what).isEmpty();
                        assertThat(actions).as(what).containsExactly("dynamodb:PutItem");
                    }
                    case READ_UPDATE -> {
                        assertThat(templates).as(what).containsExactly("DynamoDBReadPolicy");
                        assertThat(actions).as(what).containsExactly("dynamodb:UpdateItem");
                    }
                    default -> throw new IllegalStateException(access.name());
                }
            }
        }
    }

    /**
     * The filters the stream's reader (the dispatcher) needs: the union of what wakes each consumer.
     * A channel that reads others is woken by the change their status makes on an accepted revision
     * (a MODIFY), any other consumer by a new accepted revision (an INSERT). The channels'
     * declarations, not the template, say which.
     */
    static List<String> expectedStreamPatterns(Map<String, Object> event) {
        if ("SubscriptionRequestsTable".equals(streamTable(event))) {
            // Each new request, once: not the TTL's deletions.
            return List.of("{\"eventName\":[\"INSERT\"]}");
        }
        Set<String> patterns = new TreeSet<>();
        for (var channel : Channels.discover().all()) {
            if (channel.id().equals("toy")) {
                continue;
            }
            if (channel.reads().isEmpty()) {
                patterns.add("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"ACCEPTED\"]}}}}");
            } else {
                channel.reads().forEach(r -> patterns.add("{\"eventName\":[\"MODIFY\"],\"dynamodb\":{\"NewImage\":{\"status\":{\"S\":[\"ACCEPTED\"]},\"channels\":{\"M\":{"
                        + "\"" + r + "\":{\"S\":[{\"exists\":true}]}}}}}}"));
            }
        }
        return List.copyOf(patterns);
    }

    /** The table whose stream a DynamoDB event reads (its logical id). */
    static Object streamTable(Map<String, Object> event) {
        return list(map(event.get("Stream")).get("Fn::GetAtt")).get(0);
    }

    @Test
    void atMostTwoFunctionsReadTheRevisionsStreamAndEveryConsumerHasItsFifoQueueWithADlq() {
        // GIVEN the template's functions
        List<String> readers = new ArrayList<>();
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            for (Object event : map(function.getValue().get("Events")).values()) {
                if ("DynamoDB".equals(map(event).get("Type")) && "RevisionsTable".equals(streamTable(map(map(event).get("Properties"))))) {
                    readers.add(function.getKey());
                }
            }
        }
        // THEN at most two read the stream (AWS advises two readers per shard): here one, the dispatcher
        assertThat(readers).hasSizeLessThanOrEqualTo(2).containsExactly("DispatchFunction");
        // AND the dispatcher names a FIFO queue, with a FIFO DLQ, for every consumer it knows
        Object sub = map(map(functions().get("DispatchFunction").get("Environment")).get("Variables")).get(Env.CONSUMER_QUEUES);
        String text = sub instanceof Map<?, ?> m ? String.valueOf(m.get("Fn::Sub")) : String.valueOf(sub);
        for (var channel : Channels.discover().all()) {
            if (channel.id().equals("toy")) {
                continue;
            }
            java.util.regex.Matcher m = Pattern.compile("\\b" + channel.id() + "=\\$\\{(\\w+)}").matcher(text);
            assertThat(m.find()).as(channel.id() + " in " + text).isTrue();
            Map<String, Object> queue = map(map(resources.get(m.group(1))).get("Properties"));
            assertThat(queue.get("FifoQueue")).as(m.group(1)).isEqualTo(true);
            String dlq = (String) list(map(map(queue.get("RedrivePolicy")).get("deadLetterTargetArn")).get("Fn::GetAtt")).get(0);
            assertThat(map(map(resources.get(dlq)).get("Properties")).get("FifoQueue")).as(dlq).isEqualTo(true);
        }
    }

    @Test
    void everyQueueHidesAReceivedMessageForSixTimesItsFunctionsTimeout() {
        // GIVEN every SQS event source of every function, and the Globals' default timeout
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));
        int defaultTimeout = (Integer) map(map(TEMPLATE.get("Globals")).get("Function")).get("Timeout");
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            int timeout = (Integer) function.getValue().getOrDefault("Timeout", defaultTimeout);
            for (Object event : map(function.getValue().get("Events")).values()) {
                if (!"SQS".equals(map(event).get("Type"))) {
                    continue;
                }
                String queue = (String) list(map(map(map(event).get("Properties")).get("Queue")).get("Fn::GetAtt")).get(0);
                Object visibility = map(map(resources.get(queue)).get("Properties")).get("VisibilityTimeout");
                // THEN its queue keeps a received message hidden for at least six times the function's
                // timeout (Lambda's advice), so a slow invocation is never delivered twice at once
                assertThat(visibility).as(queue + " of " + function.getKey()).isInstanceOf(Integer.class);
                assertThat((Integer) visibility).as(queue + " of " + function.getKey() + " (timeout " + timeout + " s)")
                        .isGreaterThanOrEqualTo(6 * timeout);
                checked.add(queue);
            }
        }
        assertThat(checked).contains("IngestQueue", "SiteQueue", "FeedQueue", "GuideQueue", "SendQueue");
    }

    @Test
    void everyChannelFunctionPublishesOneChannelOfItsJarThroughTheGenericHandler() {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Object channel = map(map(function.getValue().get("Environment")).get("Variables")).get(Env.CHANNEL);
            if (channel != null) {
                assertThat(function.getValue().get("Handler")).as(function.getKey())
                        .isEqualTo("dev.hubpress.functions.ChannelFunction::handleRequest");
                assertThat(Channels.discover().ids()).as(function.getKey()).contains((String) channel);
            }
        }
    }

    @Test
    void channelFunctionsMayInvalidateTheSiteDistributionOnlyAndNoOtherFunctionTouchesTheCdn() throws Exception {
        Map<String, Object> invalidation = Map.of("Effect", "Allow", "Action", "cloudfront:CreateInvalidation",
                "Resource", Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteDistribution}"));
        int channels = 0;
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Map<String, Object> variables = map(map(function.getValue().get("Environment")).get("Variables"));
            List<Object> statements = new java.util.ArrayList<>();
            for (Object policy : list(function.getValue().get("Policies"))) {
                if (policy instanceof Map<?, ?> m && m.get("Statement") != null) {
                    statements.addAll(list(m.get("Statement")));
                }
            }
            if (variables.get(Env.CHANNEL) != null) {
                channels++;
                // the distribution by reference (no literal id), read where the function reads it
                assertThat(variables.get(Env.DISTRIBUTION_ID)).as(function.getKey()).isEqualTo(Map.of("Ref", "SiteDistribution"));
                assertThat(variablesRead(function.getValue())).as(function.getKey()).contains(Env.DISTRIBUTION_ID);
                assertThat(statements).as(function.getKey()).contains(invalidation);
                assertThat(statements.stream().filter(st -> st.toString().contains("cloudfront:"))).as(function.getKey())
                        .containsExactly(invalidation);
            } else {
                assertThat(variables).as(function.getKey()).doesNotContainKey(Env.DISTRIBUTION_ID);
                assertThat(statements.toString()).as(function.getKey()).doesNotContain("cloudfront:");
            }
        }
        assertThat(channels).isEqualTo(3);
    }

    @Test
    void streamConsumersSeeOnlyNewAcceptedRevisionsAndNeverLoseAFailure() {
        Map<String, Object> table = map(map(map(TEMPLATE.get("Resources")).get("RevisionsTable")).get("Properties"));
        assertThat(map(table.get("StreamSpecification")).get("StreamViewType")).isEqualTo("NEW_AND_OLD_IMAGES");
        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(map(table.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled")).isEqualTo(true);
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            for (Object event : map(function.getValue().get("Events")).values()) {
                Map<String, Object> properties = map(map(event).get("Properties"));
                String type = (String) map(event).get("Type");
                if (type.equals("SQS") || type.equals("DynamoDB")) {
                    assertThat(list(properties.get("FunctionResponseTypes"))).as(function.getKey()).containsExactly("ReportBatchItemFailures");
                }
                if (type.equals("ScheduleV2")) {
                    assertThat(properties).as(function.getKey()).containsKeys("RetryPolicy", "DeadLetterConfig");
                }
                if (type.equals("SNS")) {
                    assertThat(properties).as(function.getKey()).containsKey("RedrivePolicy");
                }
                if ("DynamoDB".equals(type)) {
                    assertThat(StreamFilter.patterns(properties)).as(function.getKey())
                            .containsExactlyInAnyOrderElementsOf(expectedStreamPatterns(properties));
                    assertThat(properties.get("BisectBatchOnFunctionError")).isEqualTo(true);
                    assertThat((Integer) properties.get("MaximumRetryAttempts")).isBetween(0, 10);
                    assertThat(map(map(properties.get("DestinationConfig")).get("OnFailure")).get("Type")).isEqualTo("SQS");
                }
            }
        }
    }

    @Test
    void functionsThatReadTheTokenSecretOrSendMailMayDoSo() throws Exception {
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Set<String> read = variablesRead(function.getValue());
            List<Object> policies = list(function.getValue().get("Policies"));
            String policiesText = policies.toString();
            if (read.contains("TOKEN_SECRET_ARN")) {
                assertThat(policiesText).as(function.getKey()).contains("AWSSecretsManagerGetSecretValuePolicy={SecretArn={Ref=TokenSecret}}");
            }
            if (read.contains("SES_CONFIGURATION_SET")) {
                // The one sending policy (SesIdentityTest holds it to the configured sender and configuration set).
                assertThat(policies).as(function.getKey()).contains(Map.of("Ref", "MailSendPolicy"));
            }
            // A sender paces itself to the account's send quota: GetAccount, which has no resource to scope it to, and nothing else.
            Map<String, Object> sendQuota = Map.of("Statement", List.of(Map.of("Effect", "Allow", "Action", "ses:GetAccount", "Resource", "*")));
            assertThat(policies.contains(sendQuota)).as(function.getKey() + " reads the send quota").isEqualTo(read.contains("SENDER_CONCURRENCY"));
            assertThat(policies.stream().filter(p -> !p.equals(sendQuota)).toList().toString())
                    .as(function.getKey() + ": SES only through MailSendPolicy").doesNotContain("ses:");
        }
    }

    @Test
    void everyFunctionThatSignsOrChecksLinksKnowsWhichKeySigns() throws Exception {
        // GIVEN the functions that read the token secret
        Map<String, Object> globals = map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Set<String> read = variablesRead(function.getValue());
            if (read.contains(Env.TOKEN_SECRET_ARN)) {
                // THEN each also reads the current key id, which the stack's TokenKeyId parameter sets for all
                assertThat(read).as(function.getKey()).contains(Env.TOKEN_KEY_ID);
            }
        }
        assertThat(globals.get(Env.TOKEN_KEY_ID)).isEqualTo(Map.of("Ref", "TokenKeyId"));
        assertThat(map(map(TEMPLATE.get("Parameters")).get("TokenKeyId")).get("AllowedPattern"))
                .isEqualTo(dev.hubpress.core.mail.TokenKeys.KEY_ID.pattern());
    }

    @Test
    void everyTableWithATtlExpiresTheAttributeItsAdapterWrites() {
        // GIVEN the tables whose items expire, and the attribute their adapters write
        Map<String, String> ttl = Map.of(
                "LedgerTable", dev.hubpress.aws.DynamoSendLedger.EXPIRES_AT,
                "SubscribersTable", dev.hubpress.aws.DynamoSubscriberDirectory.EXPIRES_AT,
                "SubscriptionRequestsTable", dev.hubpress.aws.DynamoSubscriptionRequests.EXPIRES_AT,
                "ConfirmationBudgetTable", dev.hubpress.aws.DynamoConfirmationBudget.EXPIRES_AT);

        // WHEN each table's TTL specification is read THEN it is on and names that attribute
        ttl.forEach((table, attribute) -> {
            Map<String, Object> properties = map(map(map(TEMPLATE.get("Resources")).get(table)).get("Properties"));
            assertThat(map(properties.get("TimeToLiveSpecification"))).as(table).containsEntry("AttributeName", attribute)
                    .containsEntry("Enabled", true);
        });
        // AND the requests' stream carries new images, which is all the worker reads
        Map<String, Object> requests = map(map(map(TEMPLATE.get("Resources")).get("SubscriptionRequestsTable")).get("Properties"));
        assertThat(map(requests.get("StreamSpecification")).get("StreamViewType")).isEqualTo("NEW_IMAGE");
    }

    @Test
    void metricsCarryTheStackStageFromTheEnvironmentEveryFunctionGets() throws Exception {
        // GIVEN the variables every function gets, and what a function that emits metrics reads
        Map<String, Object> globals = map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        Map<String, Object> ingest = functions().get("IngestFunction");

        // WHEN the stage variable is looked up
        // THEN the metrics' stage is the template's Stage parameter, and the ingest function reads it at start
        assertThat(globals.get(Env.STAGE)).isEqualTo(Map.of("Ref", "Stage"));
        assertThat(variablesRead(ingest)).contains(Env.STAGE);
        assertThat(variablesRead(functions().get("SubscriptionFunction"))).as("emits no metric").doesNotContain(Env.STAGE);
    }

    @Test
    void theSubscriptionApiIsThrottled() {
        Map<String, Object> api = map(map(map(TEMPLATE.get("Resources")).get("SubscriptionApi")).get("Properties"));
        assertThat(map(api.get("DefaultRouteSettings"))).containsKeys("ThrottlingBurstLimit", "ThrottlingRateLimit");
    }

    @Test
    void bucketsArePrivateEncryptedAndTlsOnly() {
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));
        List<String> buckets = new ArrayList<>();
        resources.forEach((name, r) -> {
            if ("AWS::S3::Bucket".equals(map(r).get("Type"))) {
                buckets.add(name);
            }
        });
        assertThat(buckets).containsExactlyInAnyOrder("ContentBucket", "StateBucket", "SiteBucket");
        for (String bucket : buckets) {
            Map<String, Object> properties = map(map(resources.get(bucket)).get("Properties"));
            assertThat(map(properties.get("PublicAccessBlockConfiguration")).values()).as(bucket).containsOnly(true).hasSize(4);
            assertThat(properties).as(bucket).containsKey("BucketEncryption");
            boolean tlsOnly = resources.values().stream().map(TemplateTest::map)
                    .filter(r -> "AWS::S3::BucketPolicy".equals(r.get("Type")))
                    .map(r -> map(r.get("Properties")))
                    .filter(p -> bucket.equals(map(p.get("Bucket")).get("Ref")))
                    .flatMap(p -> list(map(p.get("PolicyDocument")).get("Statement")).stream())
                    .map(TemplateTest::map)
                    .anyMatch(s -> "Deny".equals(s.get("Effect"))
                            && "false".equals(map(map(s.get("Condition")).get("Bool")).get("aws:SecureTransport")));
            assertThat(tlsOnly).as(bucket + " denies plain HTTP").isTrue();
        }
    }

    /** The one statement that lets a function without write access to the state bucket keep its render cache there. */
    static final Map<String, Object> RENDER_CACHE_ACCESS = Map.of("Effect", "Allow", "Action", List.of("s3:GetObject", "s3:PutObject"),
            "Resource", Map.of("Fn::Sub", "${StateBucket.Arn}/" + Env.RENDER_CACHE_PREFIX + "*"));

    @Test
    void functionsThatKeepARenderCacheMayGetAndPutItsObjectsAndNoOtherObjectBeyondWhatTheyHad() throws Exception {
        Set<String> caching = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            List<Object> policies = list(function.getValue().get("Policies"));
            List<Object> statements = new ArrayList<>();
            boolean writesState = false;
            for (Object policy : policies) {
                statements.addAll(list(map(policy).get("Statement")));
                writesState |= map(map(policy).get("S3WritePolicy")).equals(Map.of("BucketName", Map.of("Ref", "StateBucket")));
            }
            List<Object> onCache = statements.stream().filter(st -> st.toString().contains("/cache/")).toList();
            if (handlerSources(function.getValue()).contains("Env.renderCache()")) {
                caching.add(function.getKey());
                // A function that writes the state bucket already (the channels their listings, the ingest its
                // snapshots) needs nothing more; any other gets exactly Get and Put on the cache's objects.
                assertThat(onCache).as(function.getKey()).isEqualTo(writesState ? List.of() : List.of(RENDER_CACHE_ACCESS));
            } else {
                assertThat(onCache).as(function.getKey() + " keeps no render cache").isEmpty();
            }
        }
        // the functions that parse or render content: the channels, the ingest and rollback, the digest sender
        // (the planners read the revision log and the subscribers only)
        assertThat(caching).containsExactlyInAnyOrder("IngestFunction", "RollbackFunction", "SiteFunction", "FeedFunction",
                "GuideFunction", "DigestSenderFunction");
    }

    @Test
    void theStateBucketExpiresItsCachesAndNothingElse() {
        Map<String, Object> state = map(map(map(TEMPLATE.get("Resources")).get("StateBucket")).get("Properties"));
        List<Object> rules = list(map(state.get("LifecycleConfiguration")).get("Rules"));
        assertThat(rules).as("StateBucket's lifecycle rules").hasSize(1);
        Map<String, Object> rule = map(rules.get(0));
        assertThat(rule).containsEntry("Status", "Enabled").containsKey("ExpirationInDays");
        assertThat(((Number) rule.get("ExpirationInDays")).intValue()).isPositive();
        String prefix = (String) rule.get("Prefix");
        // the caches, which may lose anything
        assertThat(Env.RENDER_CACHE_PREFIX).startsWith(prefix);
        assertThat(Env.CONTENT_INDEX_KEY).startsWith(prefix);
        // never the snapshots, which are the revisions' content
        assertThat(Env.BLOBS_PREFIX).doesNotStartWith(prefix);
        assertThat(prefix).isNotEmpty().endsWith("/");
        assertThat(rule.keySet()).as("no other filter, transition or version rule")
                .containsExactlyInAnyOrder("Id", "Status", "Prefix", "ExpirationInDays");
    }

    @Test
    void functionsThatWriteTheSiteBucketMayAbortAFailedMultipartUploadAndTheBucketClearsOneLeftBehind() {
        // S3ArtifactStore uploads a big artifact in parts and aborts the upload when a part fails
        Map<String, Object> abort = Map.of("Effect", "Allow", "Action", "s3:AbortMultipartUpload",
                "Resource", Map.of("Fn::Sub", "${SiteBucket.Arn}/*"));
        Set<String> writers = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            List<Object> statements = new ArrayList<>();
            boolean writesSite = false;
            for (Object policy : list(function.getValue().get("Policies"))) {
                statements.addAll(list(map(policy).get("Statement")));
                writesSite |= map(map(policy).get("S3CrudPolicy")).equals(Map.of("BucketName", Map.of("Ref", "SiteBucket")));
            }
            List<Object> aborts = statements.stream().filter(st -> st.toString().contains("AbortMultipartUpload")).toList();
            if (writesSite) {
                writers.add(function.getKey());
                assertThat(aborts).as(function.getKey()).containsExactly(abort);
            } else {
                assertThat(aborts).as(function.getKey()).isEmpty();
            }
        }
        assertThat(writers).containsExactlyInAnyOrder("SiteFunction", "FeedFunction", "GuideFunction");
        Map<String, Object> site = map(map(map(TEMPLATE.get("Resources")).get("SiteBucket")).get("Properties"));
        List<Object> rules = list(map(site.get("LifecycleConfiguration")).get("Rules"));
        // parts of an upload no function could abort (one that timed out) are cleared, and nothing published expires
        assertThat(rules).singleElement().satisfies(rule -> assertThat(map(rule))
                .containsEntry("Status", "Enabled")
                .containsEntry("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1))
                .doesNotContainKeys("ExpirationInDays", "ExpirationDate", "Prefix", "Transitions", "NoncurrentVersionExpiration"));
    }

    @Test
    void theGuideFunctionCompilesWithC2AndHasTheHeapATenThousandPageGuideNeeds() {
        // The globals stop compilation at C1 for quick cold starts; the guide lays out for minutes
        String global = (String) map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables"))
                .get("JAVA_TOOL_OPTIONS");
        assertThat(global).contains("TieredStopAtLevel=1");
        Map<String, Object> guide = map(map(functions().get("GuideFunction").get("Environment")).get("Variables"));
        String options = (String) guide.get("JAVA_TOOL_OPTIONS");
        assertThat(options).as("GuideFunction JAVA_TOOL_OPTIONS").doesNotContain("TieredStopAtLevel");
        Matcher percent = Pattern.compile("-XX:MaxRAMPercentage=([0-9.]+)").matcher(options);
        assertThat(percent.find()).as(options).isTrue();
        int memory = ((Number) functions().get("GuideFunction").get("MemorySize")).intValue();
        // 2 GB of heap is what a 10,000-page guide needs (docs/benchmarks.md)
        assertThat(memory * Double.parseDouble(percent.group(1)) / 100).isGreaterThanOrEqualTo(2048);
    }

    @Test
    void theGuideFunctionHasRoomInTmpForTheBookItBinds() {
        // GuideBook writes the book to a temporary file: 210 MB of /tmp at 10,000 pages (docs/benchmarks.md),
        // where Lambda gives 512 MB unless told; the other functions keep nothing big in /tmp
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Object storage = function.getValue().get("EphemeralStorage");
            if (function.getKey().equals("GuideFunction")) {
                assertThat(((Number) map(storage).get("Size")).intValue()).as("GuideFunction /tmp MB").isGreaterThanOrEqualTo(1024);
            } else {
                assertThat(storage).as(function.getKey() + " EphemeralStorage").isNull();
            }
        }
    }

    @Test
    void theBounceFunctionOnlyTrustsTheTopicItIsSubscribedTo() {
        Map<String, Object> bounce = functions().get("BounceFunction");
        Object topic = map(map(map(bounce.get("Events")).get("MailEvents")).get("Properties")).get("Topic");
        assertThat(map(topic).get("Ref")).as("BounceFunction's SNS event topic").isEqualTo("MailEventsTopic");
        assertThat(map(map(bounce.get("Environment")).get("Variables")).get(Env.MAIL_EVENTS_TOPIC_ARN))
                .as("BounceFunction " + Env.MAIL_EVENTS_TOPIC_ARN).isEqualTo(topic);
    }

    @Test
    void theSampleEventsOfEventsFolderAreTheFunctionsTestFixtures() throws IOException {
        Map<String, String> fixtures = Map.ofEntries(
                Map.entry("ingest-sqs.json", "ingest"), Map.entry("site-sqs.json", "site"),
                Map.entry("feed-sqs.json", "feeds"), Map.entry("guide-sqs.json", "guide"), Map.entry("dispatch-stream.json", "dispatch"),
                Map.entry("digest-plan-sqs.json", "digest"), Map.entry("digest-send-sqs.json", "digest"),
                Map.entry("weekly-schedule.json", "digest"), Map.entry("subscribe-http.json", "subscription"),
                Map.entry("bounce-sns.json", "subscription"), Map.entry("subscription-request-stream.json", "subscription"),
                Map.entry("rollback-invoke.json", "ingest"));
        fixtures.forEach((event, module) -> {
            try {
                assertThat(Files.readString(ROOT.resolve("functions/" + module + "/src/test/resources/events/" + event)))
                        .as(event).isEqualTo(Files.readString(ROOT.resolve("events/" + event)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
