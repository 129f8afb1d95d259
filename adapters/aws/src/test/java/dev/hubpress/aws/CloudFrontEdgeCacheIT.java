package dev.hubpress.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.cloudfront.endpoints.CloudFrontEndpointProvider;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link CloudFrontEdgeCache} through the real SDK v2 CloudFront client, against a loopback HTTP
 * server that records each CreateInvalidation request and answers as CloudFront does (there is no
 * CloudFront emulator): a new caller reference makes an invalidation, the same reference with the
 * same paths gives back the one already made, the same reference with other paths is refused.
 */
class CloudFrontEdgeCacheIT {

    private static final String DISTRIBUTION = "E2TESTDISTRIBUTION";
    private static final String XMLNS = "http://cloudfront.amazonaws.com/doc/2020-05-31/";

    /** A CreateInvalidation as the server received it. */
    record Received(String method, String path, String signedBy, String reference, List<String> paths) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> made = new HashMap<>();
    private HttpServer server;
    private volatile int failWith;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private synchronized void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Received request;
        try {
            Document xml = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(new ByteArrayInputStream(body));
            List<String> paths = new ArrayList<>();
            NodeList items = xml.getElementsByTagNameNS(XMLNS, "Path");
            for (int i = 0; i < items.getLength(); i++) {
                paths.add(items.item(i).getTextContent());
            }
            assertThat(xml.getElementsByTagNameNS(XMLNS, "Quantity").item(0).getTextContent()).isEqualTo(Integer.toString(paths.size()));
            request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    xml.getElementsByTagNameNS(XMLNS, "CallerReference").item(0).getTextContent(), paths);
        } catch (Exception e) {
            throw new IOException(e);
        }
        received.add(request);
        if (failWith != 0) {
            reply(exchange, failWith, error("TooManyInvalidationsInProgress", "Processing your request will cause you to exceed the maximum number of in-progress wildcard invalidations."));
            return;
        }
        List<String> before = made.putIfAbsent(request.reference(), request.paths());
        if (before != null && !before.equals(request.paths())) {
            reply(exchange, 409, error("InvalidationBatchAlreadyExists", "Invalidation batch specified already exists"));
            return;
        }
        String id = "I" + Integer.toHexString(request.reference().hashCode()).toUpperCase();
        exchange.getResponseHeaders().add("Location", "https://cloudfront.amazonaws.com/2020-05-31/distribution/" + DISTRIBUTION + "/invalidation/" + id);
        StringBuilder items = new StringBuilder();
        request.paths().forEach(p -> items.append("<Path>").append(p).append("</Path>"));
        reply(exchange, before == null ? 201 : 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Invalidation xmlns=\"" + XMLNS + "\"><Id>" + id
                + "</Id><Status>InProgress</Status><CreateTime>2026-12-02T10:00:00Z</CreateTime><InvalidationBatch><Paths><Quantity>"
                + request.paths().size() + "</Quantity><Items>" + items + "</Items></Paths><CallerReference>" + request.reference()
                + "</CallerReference></InvalidationBatch></Invalidation>");
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + XMLNS + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
    }

    private static void reply(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "r-1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private CloudFrontEdgeCache edge() {
        return new CloudFrontEdgeCache(CloudFrontEdgeCache.clientBuilder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test-secret")))
                .build(), DISTRIBUTION);
    }

    @Test
    void anInvalidationNamesTheDistributionTheReferenceAndExactlyThePaths() {
        edge().invalidate("hub-r12-site-0123456789abcdef", List.of("/", "/careers/*", "/index.html", "/sitemap.xml"));

        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/2020-05-31/distribution/" + DISTRIBUTION + "/invalidation");
            assertThat(r.reference()).isEqualTo("hub-r12-site-0123456789abcdef");
            assertThat(r.paths()).containsExactly("/", "/careers/*", "/index.html", "/sitemap.xml");
            assertThat(r.signedBy()).startsWith("AWS4-HMAC-SHA256 Credential=test/").contains("/cloudfront/aws4_request");
        });
    }

    @Test
    void theClientIsBuiltOnTheFirstInvalidationAndThenKept() {
        // GIVEN an edge cache whose client is made on demand, counting how often it is made
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        CloudFrontEdgeCache onDemand = new CloudFrontEdgeCache(() -> {
            built.incrementAndGet();
            return CloudFrontEdgeCache.clientBuilder()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test-secret")))
                    .build();
        }, DISTRIBUTION);
        int beforeAny = built.get();

        // WHEN it invalidates twice
        onDemand.invalidate("hub-r1-site-aa", List.of("/index.html"));
        onDemand.invalidate("hub-r2-site-bb", List.of("/faq.html"));

        // THEN no client existed before the first (a cold start pays nothing), and one served both
        assertThat(beforeAny).isZero();
        assertThat(built).hasValue(1);
        assertThat(received).hasSize(2);
    }

    @Test
    void deployedTheClientCallsCloudFrontsGlobalEndpointSignedForUsEast1() {
        Endpoint endpoint = CloudFrontEndpointProvider.defaultProvider()
                .resolveEndpoint(p -> p.region(CloudFrontEdgeCache.REGION)).join();

        assertThat(endpoint.url()).isEqualTo(URI.create("https://cloudfront.amazonaws.com"));
        assertThat(endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES)).singleElement()
                .isInstanceOfSatisfying(SigV4AuthScheme.class, scheme -> assertThat(scheme.signingRegion()).isEqualTo("us-east-1"));
    }

    @Test
    void theSameRequestAgainIsTheSameInvalidationForCloudFront() {
        CloudFrontEdgeCache edge = edge();
        List<String> paths = List.of("/guides/a.html", "/list.html");

        edge.invalidate("hub-r2-site-aaaa", paths);
        edge.invalidate("hub-r2-site-aaaa", paths);

        assertThat(received).hasSize(2).extracting(Received::reference).containsOnly("hub-r2-site-aaaa");
        assertThat(made).containsOnlyKeys("hub-r2-site-aaaa");
    }

    @Test
    void aRefusalIsAnExceptionNamingCloudFrontsCode() {
        CloudFrontEdgeCache edge = edge();
        edge.invalidate("hub-r2-site-aaaa", List.of("/a.html"));

        assertThatThrownBy(() -> edge.invalidate("hub-r2-site-aaaa", List.of("/b.html")))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("Invalidation batch specified already exists");
        failWith = 400;
        assertThatThrownBy(() -> edge.invalidate("hub-r3-site-bbbb", List.of("/*x")))
                .isInstanceOf(RuntimeException.class).hasMessageContaining("in-progress wildcard invalidations");
    }
}
