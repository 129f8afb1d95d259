package dev.hubpress.aws;

import com.sun.net.httpserver.HttpServer;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.OutgoingEmail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production SES client makes one SendEmail attempt per {@link SesMailer#send}: the SDK does
 * not retry, {@link dev.hubpress.core.mail.Backoff} in the caller is the one retry layer (the send
 * ledger and the run's report count every attempt). Against a loopback HTTP server that answers
 * every request with an error and counts them.
 */
class SesRetriesIT {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int status;
    private String errorType;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"message\":\"" + errorType + " from the test server\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SesMailer mailer() {
        return new SesMailer(SesClients.sesBuilder()
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test-secret")))
                .build(), null);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "429, TooManyRequestsException, THROTTLED",
            "500, InternalFailure, TRANSIENT",
            "503, ServiceUnavailable, TRANSIENT"})
    void oneSendIsOneSendEmailRequestWhateverTheAnswer(int answer, String type, String kind) {
        // GIVEN SES answers every request with a throttling or server error
        status = answer;
        errorType = type;
        OutgoingEmail email = new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Hub"),
                EmailAddress.parse("reader@example.com"), "s", "<p>h</p>", "t", Map.of(), Instant.EPOCH, "m@hub.test", "k");

        // WHEN the mailer sends one email
        Class<?> expected = kind.equals("THROTTLED") ? MailerException.Throttled.class : MailerException.Transient.class;
        assertThatThrownBy(() -> mailer().send(email)).isInstanceOf(expected);

        // THEN exactly one SendEmail request reached SES: the retrying is left to the caller's Backoff
        assertThat(requests).containsExactly("POST /v2/email/outbound-emails");
    }
}
