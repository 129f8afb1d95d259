package dev.hubpress.it.bench;

import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.SqsClients;
import dev.hubpress.aws.testing.AwsFixtures;
import dev.hubpress.aws.testing.Emulators;
import dev.hubpress.aws.testing.Queues;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Local cold-start benchmark of the packaged functions (not a test): starts the emulators, then for
 * each run creates fresh buckets, a fresh table and fresh consumer queues (FIFO, on ElasticMQ),
 * pushes content/, and launches one new JVM per function on its jar alone ({@link InitRunner}) in
 * flow order: ingest (r1 accepted), the dispatcher (r1's INSERT on the stream, a message on the
 * guide's queue), then guide, site and feeds publishing r1 from their queues' messages. Prints init
 * and first-event times (median of the runs) and jar sizes.
 * Run with {@code bench/lambda-init}.
 */
public final class LambdaInitBench {

    /**
     * @param channel the CHANNEL the template gives a channel function; empty for the others
     */
    private record Fn(String module, String handler, String kind, String channel) {
        /** The function's Lambda jar: functions/site/target/site-function.jar for site-function. */
        Path jar(Path root) {
            String folder = module.replace("-function", "").replace("feed", "feeds");
            return root.resolve("functions/" + folder + "/target/" + module + ".jar");
        }

    }

    private static final List<Fn> FUNCTIONS = List.of(
            new Fn("ingest-function", "dev.hubpress.functions.IngestFunction", "sqs", ""),
            new Fn("dispatch-function", "dev.hubpress.functions.DispatchFunction", "stream", ""),
            // the dispatcher wakes the guide for a new revision, the site when the guide's status is on it, the feeds when the site's is
            new Fn("guide-function", "dev.hubpress.functions.ChannelFunction", "message", "guide"),
            new Fn("site-function", "dev.hubpress.functions.ChannelFunction", "message-modify", "site"),
            new Fn("feed-function", "dev.hubpress.functions.ChannelFunction", "message-modify", "feeds"));

    private LambdaInitBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        // --cds: every function also started from a class-data archive of its own (made by one
        // training run first), the runs without and with it interleaved: what AppCDS would save
        boolean cds = arguments.remove("--cds");
        int runs = arguments.size() > 0 ? Integer.parseInt(arguments.get(0)) : 3;
        Path root = Path.of(arguments.size() > 1 ? arguments.get(1) : ".").toAbsolutePath().normalize();
        Path archives = Files.createDirectories(root.resolve("tests/target/lambda-init"));
        Path runnerClasses = Path.of(InitRunner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path runner = runnerJar(runnerClasses, archives.resolve("runner.jar"));
        Emulators.Running emulators = Emulators.start();
        S3Client s3 = AwsClients.s3();
        DynamoDbClient dynamo = AwsClients.dynamo();
        Path content = root.resolve("content");
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        // With --cds: run 0 trains the archives; then odd runs start without them, even runs with them.
        for (int run = cds ? 0 : 1; run <= (cds ? 2 * runs : runs); run++) {
            String mode = !cds ? "" : run == 0 ? "training" : run % 2 == 1 ? "no archive" : "archive";
            String contentBucket = AwsFixtures.bucket(s3, "bench-content");
            String state = AwsFixtures.bucket(s3, "bench-state");
            String site = AwsFixtures.bucket(s3, "bench-site");
            String table = AwsFixtures.revisionsTable(dynamo, "bench-revisions");
            try (Stream<Path> walk = Files.walk(content)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String key = "content/" + content.relativize(file).toString().replace('\\', '/');
                    s3.putObject(b -> b.bucket(contentBucket).key(key), RequestBody.fromFile(file));
                }
            }
            // The push ends with its marker, so the ingest's first event finds it complete and waits for nothing
            // (without one it would wait for the prefix to be quiet: README, Deploy).
            s3.putObject(b -> b.bucket(contentBucket).key("content/.publish"), RequestBody.fromString("bench"));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", System.getProperty("aws.accessKeyId"));
            env.put("AWS_SECRET_ACCESS_KEY", System.getProperty("aws.secretAccessKey"));
            if (emulators.external()) {
                env.put("AWS_ENDPOINT_URL", emulators.s3().toString());
            } else {
                env.put("AWS_ENDPOINT_URL_S3", emulators.s3().toString());
                env.put("AWS_ENDPOINT_URL_DYNAMODB", emulators.dynamo().toString());
            }
            env.put("HUB_ID", "hub");
            env.put("STAGE", "bench");
            env.put("CONTENT_BUCKET", contentBucket);
            env.put("STATE_BUCKET", state);
            env.put("SITE_BUCKET", site);
            // No CloudFront emulator: the channel functions' invalidation goes to a loopback endpoint that
            // refuses it, costing the warning a refused invalidation costs (never the publish).
            env.put("DISTRIBUTION_ID", "EBENCHDISTRIBUTION");
            env.putIfAbsent("AWS_ENDPOINT_URL_CLOUDFRONT", "http://127.0.0.1:9");
            env.put("REVISIONS_TABLE", table);
            SqsClient sqs = SqsClients.sqs();
            if (!emulators.external()) {
                env.put("AWS_ENDPOINT_URL_SQS", emulators.sqs().toString());
            }
            // The dispatcher's consumers, each with its FIFO queue (the email consumer's is the digest planner's).
            env.put("CONSUMER_QUEUES", String.join(" ", List.of("site", "feeds", "guide", "email").stream()
                    .map(consumer -> consumer + "=" + Queues.create(sqs, "bench-" + consumer, true, 60)).toList()));
            for (Fn fn : FUNCTIONS) {
                Path jar = fn.jar(root);
                Path archive = archives.resolve(fn.module() + ".jsa");
                List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
                if (mode.equals("training")) {
                    // as ./hub trains its archive: compiled synchronously, so no method is archived as queued
                    command.addAll(List.of("-XX:-BackgroundCompilation", "-XX:ArchiveClassesAtExit=" + archive));
                } else if (mode.equals("archive")) {
                    command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
                }
                command.addAll(List.of("-cp", jar + java.io.File.pathSeparator + runner, InitRunner.class.getName(), fn.handler(), fn.kind()));
                command.addAll(fn.kind().equals("sqs") ? List.of(contentBucket) : List.of("hub", "1"));
                ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
                builder.environment().putAll(env);
                if (!fn.channel().isEmpty()) {
                    builder.environment().put("CHANNEL", fn.channel());
                }
                builder.environment().put("BENCH_T0", Long.toString(System.currentTimeMillis()));
                Process process = builder.start();
                String bench = null;
                StringBuilder output = new StringBuilder();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = reader.readLine()) != null; ) {
                        output.append(line).append('\n');
                        if (line.startsWith("BENCH ")) {
                            bench = line.substring(6);
                        }
                    }
                }
                if (process.waitFor() != 0 || bench == null || bench.contains("batchItemFailures=[{") || bench.contains("itemIdentifier")) {
                    throw new IllegalStateException(fn.module() + " failed:\n" + output);
                }
                long init = number(bench, "init");
                long first = number(bench, "firstEvent");
                if (!mode.equals("training")) {
                    results.computeIfAbsent(fn.module() + mode, k -> new ArrayList<>()).add(new long[] {init, first, init + first});
                }
                System.err.printf(Locale.ROOT, "run %d %-16s %-10s init %5d ms  first event %5d ms%n", run, fn.module(), mode, init, first);
            }
        }
        System.out.println();
        if (cds) {
            System.out.printf(Locale.ROOT, "| Function | Init, no archive | Init, archive | First event, no archive | First event, archive | Total, no archive | Total, archive |%n");
            System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|---|%n");
            for (Fn fn : FUNCTIONS) {
                List<long[]> without = results.get(fn.module() + "no archive");
                List<long[]> with = results.get(fn.module() + "archive");
                System.out.printf(Locale.ROOT, "| %s | %d ms | %d ms | %d ms | %d ms | %d ms | **%d ms** |%n", fn.module(),
                        median(without, 0), median(with, 0), median(without, 1), median(with, 1), median(without, 2), median(with, 2));
            }
            System.out.printf(Locale.ROOT, "%nmedian of %d runs each, interleaved, each function in a fresh JVM (%s %s), emulators on loopback%n",
                    runs, System.getProperty("java.vm.name"), System.getProperty("java.version"));
            System.exit(0);
        }
        System.out.printf(Locale.ROOT, "| Function | Jar | Init (JVM start → handler constructed) | First event | Total | Target |%n");
        System.out.printf(Locale.ROOT, "|---|---|---|---|---|---|%n");
        for (Fn fn : FUNCTIONS) {
            List<long[]> r = results.get(fn.module());
            long size = Files.size(fn.jar(root));
            String target = fn.module().equals("ingest-function") ? "total ≤ 1.5 s, jar ≤ 20 MB"
                    : fn.module().equals("guide-function") ? "jar ≤ 40 MB" : "jar ≤ 20 MB";
            System.out.printf(Locale.ROOT, "| %s | %.1f MB | %d ms | %d ms | **%d ms** | %s |%n", fn.module(), size / 1048576.0,
                    median(r, 0), median(r, 1), median(r, 2), target);
        }
        System.out.printf(Locale.ROOT, "%nmedian of %d runs, each function in a fresh JVM (%s %s), emulators on loopback%n",
                runs, System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.exit(0);
    }

    /**
     * The runner's classes in a jar of their own: class-data sharing takes no class folder on the
     * class path ("Cannot have non-empty directory in paths").
     */
    private static Path runnerJar(Path classes, Path jar) throws java.io.IOException {
        String folder = InitRunner.class.getPackageName().replace('.', '/');
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes.resolve(folder))) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(InitRunner.class.getSimpleName())).sorted().toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(folder + "/" + file.getFileName()));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static long number(String json, String field) {
        int at = json.indexOf("\"" + field + "\":") + field.length() + 3;
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return Long.parseLong(json.substring(at, end));
    }

    private static long median(List<long[]> values, int index) {
        long[] sorted = values.stream().mapToLong(v -> v[index]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

}
