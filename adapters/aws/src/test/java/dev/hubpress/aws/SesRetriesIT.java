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
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production SES client makes one SendEmail attempt per {@link SesMailer#send}: the SDK does
 * not retry, {@link dev.hubpress.core.mail.Backoff} in the caller is the one retry layer (the send
 * ledger and the run's report count every attempt). Against a loopback HTTP server that answers
 * every request with an error in SES's protocol and counts them: the errors aws-ses-v2-local cannot
 * give (throttling, rejections, account states, 5xx), so their mapping onto the port's kinds, and
 * that SES's text never leaves the mailer, are checked through the real SDK client here.
 */
class SesRetriesIT {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private int status;
    private String errorType;
    private String message;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            exchange.getRequestBody().readAllBytes();
            String text = message == null ? errorType + " from the test server" : message;
            byte[] body = ("{\"message\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
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

    /** The message SES gives when a sandboxed account sends to an unverified recipient: it names the address. */
    static final String UNVERIFIED = "Email address is not verified. The following identities failed the check in region "
            + "US-EAST-1: reader@example.com";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "400, MessageRejected, PERMANENT",
            "400, SendingPausedException, PERMANENT",
            "400, AccountSuspendedException, PERMANENT",
            "429, TooManyRequestsException, THROTTLED",
            "503, ServiceUnavailable, TRANSIENT"})
    void sesErrorsMapOntoThePortsKindsAndNeverCarrySesTextOrAddresses(int answer, String type, String kind) {
        // GIVEN SES answers in its error protocol with a text that names the recipient
        // (aws-ses-v2-local has no such answers: it has no sandbox, quotas or account states)
        status = answer;
        errorType = type;
        message = UNVERIFIED;

        // WHEN the mailer sends
        MailerException e = catchThrowableOfType(MailerException.class, () -> mailer().send(email()));

        // THEN the error is the port's kind of it, named with SES's code, status and a fingerprint of its text
        assertThat(e).isInstanceOf(switch (kind) {
            case "PERMANENT" -> MailerException.Permanent.class;
            case "THROTTLED" -> MailerException.Throttled.class;
            default -> MailerException.Transient.class;
        });
        assertThat(e.getMessage()).contains(type).contains("HTTP " + answer)
                .contains(dev.hubpress.core.mail.EmailAddress.fingerprint(UNVERIFIED));
        // AND nothing of SES's text, nor the address, is anywhere in what a log or the ledger could get
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain("reader@example.com").doesNotContain("failed the check");
        assertThat(e.getCause()).isNull();
    }

    private static OutgoingEmail email() {
        return new OutgoingEmail(new OutgoingEmail.Mailbox(EmailAddress.parse("digest@hub.test"), "Hub"),
                EmailAddress.parse("reader@example.com"), "s", "<p>h</p>", "t", Map.of(), Instant.EPOCH, "m@hub.test", "k");
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
        OutgoingEmail email = email();

        // WHEN the mailer sends one email
        Class<?> expected = kind.equals("THROTTLED") ? MailerException.Throttled.class : MailerException.Transient.class;
        assertThatThrownBy(() -> mailer().send(email)).isInstanceOf(expected);

        // THEN exactly one SendEmail request reached SES: the retrying is left to the caller's Backoff
        assertThat(requests).containsExactly("POST /v2/email/outbound-emails");
    }
}
