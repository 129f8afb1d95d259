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
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.DigestEmails;

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
 * {@code List-Unsubscribe=One-Click}), and {@code GET}/{@code POST /manage?token=} (the cadence). Answers are small HTML pages with the use case's status;
 * nothing in an answer tells whether an address is subscribed.
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
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "";
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
        String token = query.getOrDefault("token", "");
        Answer answer;
        try {
            if (path.endsWith("/subscribe") && method.equals("POST")) {
                answer = subscribe(body(event), header(event, "content-type"));
            } else if (path.endsWith("/confirm") && method.equals("GET")) {
                answer = new Confirm(directory, tokens, clock, this::headSeq).confirm(token);
            } else if (path.endsWith("/unsubscribe") && method.equals("GET")) {
                answer = new Unsubscribe(directory, tokens, clock).page(token);
            } else if (path.endsWith("/unsubscribe") && method.equals("POST")) {
                answer = new Unsubscribe(directory, tokens, clock).oneClick(token, body(event).strip());
            } else if (path.endsWith("/manage") && method.equals("GET")) {
                answer = new ManageSubscription(directory, tokens, clock).page(token);
            } else if (path.endsWith("/manage") && method.equals("POST")) {
                Optional<Cadence> cadence = cadence(form(body(event)).getOrDefault("cadence", ""));
                answer = cadence.isEmpty() ? Answer.of(Answer.Outcome.BAD_REQUEST)
                        : new ManageSubscription(directory, tokens, clock).changeCadence(token, cadence.get());
            } else {
                return page(404, "Not found.", "");
            }
        } catch (MailerException e) {
            log.error("confirmation email not sent", Map.of("error", String.valueOf(e.getMessage())));
            return page(503, "Please try again in a few minutes.", "");
        } catch (NoEditionException e) {
            return page(503, "Subscriptions open once the hub is published.", "");
        }
        log.info(method + " " + path + ": " + answer.outcome(), Map.of("outcome", answer.outcome().name(),
                "status", answer.httpStatus()));
        return page(answer.httpStatus(), answer.message(), form(answer, token));
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

    private long headSeq() {
        return editions.log().recent(editions.hubId(), 1).lastAccepted().map(Revision::seq).orElse(0L);
    }

    private static String body(APIGatewayV2HTTPEvent event) {
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

    /** The form a page shows: the unsubscribe button, or the cadence choice. */
    private static String form(Answer answer, String token) {
        String action = "?token=" + escape(java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
        if (answer.outcome() == Answer.Outcome.UNSUBSCRIBE_PAGE) {
            return "<form method=\"post\" action=\"" + action + "\"><input type=\"hidden\" name=\"List-Unsubscribe\" "
                    + "value=\"One-Click\"><button type=\"submit\">Unsubscribe</button></form>";
        }
        if (answer.outcome() == Answer.Outcome.MANAGE_PAGE) {
            StringBuilder form = new StringBuilder("<form method=\"post\" action=\"" + action + "\"><fieldset><legend>Digests</legend>");
            for (Cadence c : Cadence.values()) {
                String id = c.name().toLowerCase(Locale.ROOT);
                form.append("<label><input type=\"radio\" name=\"cadence\" value=\"").append(id).append('"')
                        .append(c == answer.cadence() ? " checked" : "").append("> ")
                        .append(c == Cadence.WEEKLY ? "Once a week" : "After every update").append("</label> ");
            }
            return form.append("</fieldset><button type=\"submit\">Save</button></form>").toString();
        }
        return "";
    }

    private static APIGatewayV2HTTPResponse page(int status, String message, String form) {
        String html = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
                + "content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>"
                + escape(message) + "</title></head><body><main><p>" + escape(message) + "</p>" + form + "</main></body></html>\n";
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                        "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer"))
                .withBody(html).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final class NoEditionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
