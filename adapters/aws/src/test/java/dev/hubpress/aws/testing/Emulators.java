package dev.hubpress.aws.testing;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS-API emulators for integration tests, started once per test JVM on free loopback ports and
 * stopped when the JVM's tests are done: s3proxy in-process (S3), dynalite (DynamoDB) and
 * aws-ses-v2-local (SES v2) as node processes, ElasticMQ (SQS) in-process, from {@code emulators/node_modules} (installed by
 * {@code npm ci --prefix emulators} from the committed lockfile).
 *
 * <p>The SDK finds them through its standard configuration, set here as system properties
 * ({@code aws.endpointUrlS3}, {@code aws.endpointUrlDynamoDb}, {@code aws.endpointUrlSesV2}, {@code aws.endpointUrlSqs},
 * {@code aws.region}, static credentials), exactly as {@code AWS_ENDPOINT_URL_*} would set them in
 * a Lambda. When {@code AWS_ENDPOINT_URL} is set (a LocalStack), nothing is started and the SDK
 * uses that endpoint for every service.
 */
public final class Emulators implements BeforeAllCallback {

    private static final String ACCESS_KEY = "hubpress-test";
    private static final String SECRET_KEY = "hubpress-test-secret";
    private static final Object LOCK = new Object();
    private static Running running;
    /** The account aws-ses-v2-local's GetAccount returns: MaxSendRate 100 emails/s. */
    private static final String SES_ACCOUNT = "{\"DedicatedIpAutoWarmupEnabled\":false,"
            + "\"Details\":{\"AdditionalContactEmailAddresses\":[],\"ContactLanguage\":\"EN\",\"MailType\":\"MARKETING\","
            + "\"ReviewDetails\":{\"CaseId\":\"emulated\",\"Status\":\"GRANTED\"},\"UseCaseDescription\":\"hubpress tests\","
            + "\"WebsiteURL\":\"https://hub.test\"},\"EnforcementStatus\":\"HEALTHY\",\"ProductionAccessEnabled\":true,"
            + "\"SendingEnabled\":true,\"SendQuota\":{\"Max24HourSend\":100000,\"MaxSendRate\":100,\"SentLast24Hours\":0},"
            + "\"SuppressionAttributes\":{\"SuppressedReasons\":[]}}";

    /** The endpoints in use. */
    public record Running(boolean external, URI s3, URI dynamo, URI ses, URI sqs) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            // Processes are stopped by the shutdown hook, after every test class of the JVM.
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    /** Starts the emulators (once per JVM) and points the SDK's configuration at them. */
    public static Running start() {
        synchronized (LOCK) {
            if (running == null) {
                running = launch();
            }
            return running;
        }
    }

    private static Running launch() {
        setIfAbsent("aws.region", System.getenv().getOrDefault("AWS_REGION", "us-east-1"));
        String external = System.getenv("AWS_ENDPOINT_URL");
        if (external != null && !external.isBlank()) {
            if (System.getenv("AWS_ACCESS_KEY_ID") == null) {
                setIfAbsent("aws.accessKeyId", "test");
                setIfAbsent("aws.secretAccessKey", "test");
            }
            URI uri = URI.create(external);
            return new Running(true, uri, uri, uri, uri);
        }
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        List<Runnable> stops = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stops.forEach(Runnable::run), "emulators-stop"));
        try {
            URI s3 = startS3Proxy(stops);
            Path modules = nodeModules();
            URI dynamo = startNode(stops, "dynalite", modules.resolve("dynalite/cli.js"), "--createTableMs", "0", "--deleteTableMs", "0");
            URI ses = startNode(stops, "aws-ses-v2-local", modules.resolve("aws-ses-v2-local/dist/cli.js"));
            URI sqs = startElasticMq(stops);
            System.setProperty("aws.endpointUrlS3", s3.toString());
            System.setProperty("aws.endpointUrlDynamoDb", dynamo.toString());
            System.setProperty("aws.endpointUrlSesV2", ses.toString());
            System.setProperty("aws.endpointUrlSqs", sqs.toString());
            return new Running(false, s3, dynamo, ses, sqs);
        } catch (Exception e) {
            stops.forEach(Runnable::run);
            throw new IllegalStateException("cannot start the AWS-API emulators: " + e.getMessage(), e);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static URI startS3Proxy(List<Runnable> stops) throws Exception {
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        stops.add(() -> {
            try {
                proxy.stop();
            } catch (Exception ignored) {
                // stopping anyway
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!proxy.getState().equals("STARTED")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start on " + endpoint + ": " + proxy.getState());
            }
            Thread.sleep(20);
        }
        return endpoint;
    }

    /** ElasticMQ in-process: SQS (standard and FIFO queues, redrive to a DLQ, visibility timeouts) on loopback. */
    private static URI startElasticMq(List<Runnable> stops) {
        int port = freePort();
        org.elasticmq.rest.sqs.SQSRestServer server = org.elasticmq.rest.sqs.SQSRestServerBuilder.withPort(port)
                .withInterface("127.0.0.1").start();
        server.waitUntilStarted();
        stops.add(server::stopAndWait);
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The emulators' node_modules: {@code emulators/node_modules} at the repository root. */
    public static Path nodeModules() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("emulators/package-lock.json"))) {
                Path modules = dir.resolve("emulators/node_modules");
                if (!Files.isDirectory(modules.resolve("dynalite")) || !Files.isDirectory(modules.resolve("aws-ses-v2-local"))) {
                    throw new IllegalStateException("the emulators are not installed: run 'npm ci --prefix emulators' in " + dir);
                }
                return modules;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no emulators/package-lock.json above " + Path.of("").toAbsolutePath());
    }

    private static URI startNode(List<Runnable> stops, String name, Path cli, String... args) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("node", cli.toString(), "--port", Integer.toString(port)));
        command.addAll(List.of(args));
        Path logFile = logFile(name);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        // aws-ses-v2-local answers GetAccount only with an account to return, and only one with every
        // field of its schema (a partial one is a 400 "Schema validation failed").
        builder.environment().put("AWS_SES_ACCOUNT", SES_ACCOUNT);
        Process process = builder.start();
        stops.add(() -> {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        });
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + Files.readString(logFile));
            }
            if (answers(http, endpoint)) {
                return endpoint;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer on " + endpoint + " within 30 s: " + Files.readString(logFile));
            }
            Thread.sleep(50);
        }
    }

    private static boolean answers(HttpClient http, URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 200);
        } catch (IOException e) {
            return false;
        }
        try {
            http.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A new file for an emulator's output, under the module's {@code target/emulator-logs}: beside
     * the test reports when a run fails, and gone with {@code mvn clean} rather than left in the
     * system's temporary folder by every run.
     */
    static Path logFile(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "emulator-logs"));
        return Files.createTempFile(dir, name + "-", ".log");
    }

    /** A loopback endpoint nothing listens on: where a stopped emulator was, or S3 out of reach. */
    public static URI deadEndpoint() {
        return URI.create("http://127.0.0.1:" + freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
