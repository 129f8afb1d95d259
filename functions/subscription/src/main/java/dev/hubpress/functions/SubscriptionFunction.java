package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.lambda.Env;
import dev.hubpress.aws.Json;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.SesClients;
import dev.hubpress.aws.SesMailer;
import dev.hubpress.lambda.AcceptedHubs;
import dev.hubpress.lambda.JsonLog;
import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Confirm;
import dev.hubpress.core.mail.ManageSubscription;
import dev.hubpress.core.mail.MailerException;
import dev.hubpress.core.mail.Subscribe;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.mail.Unsubscribe;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.Mailer;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.DigestEmails;
import dev.hubpress.digest.SubscriptionPages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda handler of the HTTP API (payload v2): {@code POST /subscribe} (form or JSON: email,
 * cadence; double opt-in), {@code GET /confirm?token=}, {@code GET /unsubscribe?token=} (a page
 * with a button), {@code POST /unsubscribe?token=} (RFC 8058 one-click, body
 * {@code List-Unsubscribe=One-Click}), and {@code GET}/{@code POST /manage?token=} (the cadence).
 * Each request runs one use case; its {@link Answer} is the response's status and, rendered by
 * {@link SubscriptionPages}, its page. Nothing in an answer tells whether an address is subscribed.
 */
public final class SubscriptionFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** How soon a second subscribe to the same pending address sends another confirmation. */
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(10);

    private final AcceptedHubs editions;
    private final SubscriberDirectory directory;
    private final Mailer mailer;
    private final Tokens tokens;
    private final Clock clock;
    private final JsonLog log;

    public SubscriptionFunction() {
        this(fromEnvironment());
    }

    private SubscriptionFunction(Wiring w) {
        this(w.hub(), w.revisions(), w.blobs(), w.directory(), w.mailer(), w.tokens(), Clock.systemUTC(),
                JsonLog.stdout("subscription"));
    }

    /** The production ports. */
    private record Wiring(String hub, RevisionLog revisions, BlobStore blobs, SubscriberDirectory directory, Mailer mailer,
                          Tokens tokens) {
    }

    public SubscriptionFunction(String hub, RevisionLog revisions, BlobStore blobs, SubscriberDirectory directory, Mailer mailer,
                                Tokens tokens, Clock clock, JsonLog log) {
        this.editions = new AcceptedHubs(hub, revisions, blobs);
        this.directory = directory;
        this.mailer = mailer;
        this.tokens = tokens;
        this.clock = clock;
        this.log = log;
    }

    private static Wiring fromEnvironment() {
        Clock clock = Clock.systemUTC();
        byte[] secret = SesClients.secret(Env.required(Env.TOKEN_SECRET_ARN)).getBytes(StandardCharsets.UTF_8);
        return new Wiring(Env.required(Env.HUB_ID),
                new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE)),
                new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX),
                new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE)),
                new SesMailer(SesClients.ses(), Env.required(Env.SES_CONFIGURATION_SET)),
                new Tokens(secret, Tokens.DEFAULT_CONFIRM_VALIDITY, clock));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        Request request = Request.of(event);
        Optional<Answer> answer;
        try {
            answer = answer(request);
        } catch (MailerException e) {
            log.error("confirmation email not sent", Map.of("error", String.valueOf(e.getMessage())));
            return html(503, SubscriptionPages.tryAgainLater());
        } catch (NoEditionException e) {
            return html(503, SubscriptionPages.opensOncePublished());
        }
        if (answer.isEmpty()) {
            return html(404, SubscriptionPages.notFound());
        }
        Answer answered = answer.get();
        log.info(request.method() + " " + request.path() + ": " + answered.outcome(), Map.of(
                "outcome", answered.outcome().name(), "status", answered.httpStatus()));
        return html(answered.httpStatus(), SubscriptionPages.answer(answered, request.token()));
    }

    /** What the use cases need of an HTTP API request. */
    private record Request(String method, String path, String token, String body, String contentType) {

        static Request of(APIGatewayV2HTTPEvent event) {
            String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                    ? event.getRequestContext().getHttp().getMethod() : "";
            Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
            return new Request(method, event.getRawPath() == null ? "" : event.getRawPath(), query.getOrDefault("token", ""),
                    decodedBody(event), header(event, "content-type"));
        }

        boolean is(String method, String path) {
            return this.method.equals(method) && this.path.endsWith(path);
        }

        private static String decodedBody(APIGatewayV2HTTPEvent event) {
            String body = event.getBody() == null ? "" : event.getBody();
            return event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
        }

        private static String header(APIGatewayV2HTTPEvent event, String name) {
            if (event.getHeaders() == null) {
                return "";
            }
            return Optional.ofNullable(event.getHeaders().get(name)).orElseGet(() -> event.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(""));
        }
    }

    /** The answer of the one use case the request is for; empty when it is for none. */
    private Optional<Answer> answer(Request r) {
        if (r.is("POST", "/subscribe")) {
            return Optional.of(subscribe(r.body(), r.contentType()));
        }
        if (r.is("GET", "/confirm")) {
            return Optional.of(new Confirm(directory, tokens, clock, this::headSeq).confirm(r.token()));
        }
        if (r.is("GET", "/unsubscribe")) {
            return Optional.of(new Unsubscribe(directory, tokens, clock).page(r.token()));
        }
        if (r.is("POST", "/unsubscribe")) {
            return Optional.of(new Unsubscribe(directory, tokens, clock).oneClick(r.token(), r.body().strip()));
        }
        if (r.is("GET", "/manage")) {
            return Optional.of(new ManageSubscription(directory, tokens, clock).page(r.token()));
        }
        if (r.is("POST", "/manage")) {
            Optional<Cadence> cadence = cadence(form(r.body()).getOrDefault("cadence", ""));
            return Optional.of(cadence.isEmpty() ? Answer.of(Answer.Outcome.BAD_REQUEST)
                    : new ManageSubscription(directory, tokens, clock).changeCadence(r.token(), cadence.get()));
        }
        return Optional.empty();
    }

    private Answer subscribe(String body, String contentType) {
        Map<String, String> fields = new HashMap<>();
        if (contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            try {
                JsonNode json = Json.MAPPER.readTree(body);
                json.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
            } catch (java.io.IOException e) {
                return Answer.of(Answer.Outcome.BAD_REQUEST);
            }
        } else {
            fields.putAll(form(body));
        }
        Optional<Cadence> cadence = cadence(fields.getOrDefault("cadence", "every_update"));
        if (cadence.isEmpty()) {
            return Answer.of(Answer.Outcome.BAD_REQUEST);
        }
        AcceptedHubs.Loaded head = editions.latest().orElseThrow(NoEditionException::new);
        return new Subscribe(directory, mailer, new DigestEmails(head.hub()), tokens, clock, RESEND_INTERVAL)
                .subscribe(fields.getOrDefault("email", ""), cadence.get());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    /** "every_update", "every-update", "weekly", any case. */
    private static Optional<Cadence> cadence(String text) {
        try {
            return Optional.of(Cadence.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Where a confirmed reader's digests start: the newest revision whose site is published, the
     * one they can have read ({@link Announcements}). Not the newest accepted one: if its site failed,
     * its changes are announced once the site is retried, and the reader would never get them.
     */
    private long headSeq() {
        return Announcements.newestPublished(editions.log().recent(editions.hubId(), PublishRevision.HISTORY).accepted())
                .map(Revision::seq).orElse(0L);
    }

    private static APIGatewayV2HTTPResponse html(int status, String page) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                        "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer"))
                .withBody(page).build();
    }

    private static final class NoEditionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
