package dev.hubpress.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hubpress.aws.AwsClients;
import dev.hubpress.aws.DynamoRevisionLog;
import dev.hubpress.aws.DynamoSubscriberDirectory;
import dev.hubpress.aws.DynamoSubscriptionRequests;
import dev.hubpress.aws.Json;
import dev.hubpress.aws.S3BlobStore;
import dev.hubpress.aws.SesClients;
import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Confirm;
import dev.hubpress.core.mail.ManageSubscription;
import dev.hubpress.core.mail.RequestSubscription;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.mail.SubscriptionRequest;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.mail.Unsubscribe;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.BlobStore;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.port.SubscriptionRequests;
import dev.hubpress.core.publish.PublishRevision;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.PreferenceForm;
import dev.hubpress.digest.SubscriptionPages;
import dev.hubpress.lambda.AcceptedHubs;
import dev.hubpress.lambda.Env;
import dev.hubpress.lambda.JsonLog;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lambda handler of the HTTP API (payload v2): {@code POST /subscribe} (form or JSON: email,
 * cadence; double opt-in), {@code GET /confirm?token=} (a page with a button), {@code POST /confirm?token=}
 * (confirms), {@code GET /unsubscribe?token=} (a page with a button), {@code POST /unsubscribe?token=}
 * (RFC 8058 one-click, body {@code List-Unsubscribe=One-Click}), {@code GET}/{@code POST /manage?token=}
 * (the preference page: what to follow, cadence, pause, stop following one topic, leave; {@link PreferenceForm}),
 * and {@code POST /preference-link} (email: a link to that page, asked for by address; the same
 * answer whether or not it is subscribed). Each request runs one use case; its {@link Answer} is the response's status and,
 * rendered by {@link SubscriptionPages}, its page. A GET never changes anything: link scanners
 * fetch the links in emails.
 * <p>
 * Subscribing only leaves the request for {@link SubscriptionRequestFunction} ({@link RequestSubscription}):
 * the answer is the same, after the same work, for every well-formed address, so neither it nor
 * its timing tells whether the address is subscribed. Input that is not what a route takes (a
 * body over {@value #MAX_BODY_BYTES} bytes, bad base64 or UTF-8, a content type the route does not
 * read, bad JSON or percent-encoding, fields of the wrong type) is a 400, never a 500.
 */
public final class SubscriptionFunction implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The largest body any route reads: a form with an address and a cadence is well under it. */
    public static final int MAX_BODY_BYTES = 4 * 1024;

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    private final String hub;
    private final RevisionLog revisions;
    private final SubscriberDirectory directory;
    private final SubscriptionRequests requests;
    private final Tokens tokens;
    private final Clock clock;
    private final JsonLog log;
    private final Supplier<Optional<Hub>> hubs;

    public SubscriptionFunction() {
        this(Clock.systemUTC(), new S3BlobStore(AwsClients.s3(), Env.required(Env.STATE_BUCKET), Env.BLOBS_PREFIX));
    }

    private SubscriptionFunction(Clock clock, S3BlobStore blobs) {
        this(Env.required(Env.HUB_ID), new DynamoRevisionLog(AwsClients.dynamo(), Env.required(Env.REVISIONS_TABLE), blobs), blobs,
                new DynamoSubscriberDirectory(AwsClients.dynamo(), Env.required(Env.SUBSCRIBERS_TABLE)),
                new DynamoSubscriptionRequests(AwsClients.dynamo(), Env.required(Env.SUBSCRIPTION_REQUESTS_TABLE)),
                new Tokens(SesClients.tokenKeys(Env.required(Env.TOKEN_SECRET_ARN), Env.required(Env.TOKEN_KEY_ID)),
                        Tokens.DEFAULT_CONFIRM_VALIDITY, clock),
                clock, JsonLog.stdout("subscription"));
    }

    /** @param blobs the state bucket: the hub's sections and page titles for the preference page come from its snapshot */
    public SubscriptionFunction(String hub, RevisionLog revisions, BlobStore blobs, SubscriberDirectory directory,
                                SubscriptionRequests requests, Tokens tokens, Clock clock, JsonLog log) {
        this(hub, revisions, directory, requests, tokens, clock, log, hubOf(new AcceptedHubs(hub, revisions, blobs)));
    }

    /** Without the hub's content: the preference page offers the sections and pages followed only. */
    public SubscriptionFunction(String hub, RevisionLog revisions, SubscriberDirectory directory, SubscriptionRequests requests,
                                Tokens tokens, Clock clock, JsonLog log) {
        this(hub, revisions, directory, requests, tokens, clock, log, Optional::empty);
    }

    private SubscriptionFunction(String hub, RevisionLog revisions, SubscriberDirectory directory, SubscriptionRequests requests,
                                 Tokens tokens, Clock clock, JsonLog log, Supplier<Optional<Hub>> hubs) {
        this.hubs = hubs;
        this.hub = hub;
        this.revisions = revisions;
        this.directory = directory;
        this.requests = requests;
        this.tokens = tokens;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        log.requestId(context == null ? "" : context.getAwsRequestId());
        Request request = Request.route(event);
        Optional<Answer> answer;
        try {
            answer = answer(request);
        } catch (BadRequestException e) {
            log.info(request.method() + " " + request.path() + ": bad request", Map.of("outcome", Answer.Outcome.BAD_REQUEST.name(),
                    "status", 400, "reason", e.getMessage()));
            return html(400, SubscriptionPages.answer(Answer.of(Answer.Outcome.BAD_REQUEST), ""));
        } catch (NoEditionException e) {
            return html(503, SubscriptionPages.opensOncePublished());
        }
        if (answer.isEmpty()) {
            return html(404, SubscriptionPages.notFound());
        }
        Answer answered = answer.get();
        log.info(request.method() + " " + request.path() + ": " + answered.outcome(), Map.of(
                "outcome", answered.outcome().name(), "status", answered.httpStatus()));
        return html(answered.httpStatus(), page(answered, request.token()));
    }

    /** The page of an answer; a preference page lists the hub's sections and names its pages, when the hub can be read. */
    private String page(Answer answer, String token) {
        if (answer.topics() == null) {
            return SubscriptionPages.answer(answer, token);
        }
        Optional<Hub> current = hubs.get();
        return SubscriptionPages.answer(answer, token, current.map(h -> h.config().sections()).orElse(List.of()),
                slug -> current.flatMap(h -> h.page(slug)).map(Page::title).orElse(slug));
    }

    private static Supplier<Optional<Hub>> hubOf(AcceptedHubs hubs) {
        return () -> {
            try {
                return hubs.latest().map(AcceptedHubs.Loaded::hub);
            } catch (RuntimeException e) {
                // the page still works without titles: it shows ids
                return Optional.empty();
            }
        };
    }

    /** The route of a request, and where the rest of it is; its body is read only by routes that take one. */
    private record Request(String method, String path, String token, APIGatewayV2HTTPEvent event) {

        static Request route(APIGatewayV2HTTPEvent event) {
            String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                    ? event.getRequestContext().getHttp().getMethod() : "";
            Map<String, String> query = event.getQueryStringParameters() == null ? Map.of() : event.getQueryStringParameters();
            return new Request(method == null ? "" : method, event.getRawPath() == null ? "" : event.getRawPath(),
                    query.getOrDefault("token", ""), event);
        }

        boolean is(String method, String path) {
            return this.method.equals(method) && this.path.endsWith(path);
        }

        /** The body as text: at most {@value #MAX_BODY_BYTES} bytes of UTF-8, base64-decoded if the API encoded it. */
        String body() {
            String body = event.getBody() == null ? "" : event.getBody();
            if (body.length() > 2 * MAX_BODY_BYTES) {
                throw new BadRequestException("body over " + MAX_BODY_BYTES + " bytes");
            }
            byte[] bytes;
            if (event.getIsBase64Encoded()) {
                try {
                    bytes = Base64.getDecoder().decode(body);
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("body is not base64");
                }
            } else {
                bytes = body.getBytes(StandardCharsets.UTF_8);
            }
            if (bytes.length > MAX_BODY_BYTES) {
                throw new BadRequestException("body over " + MAX_BODY_BYTES + " bytes");
            }
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                throw new BadRequestException("body is not UTF-8");
            }
        }

        /** The media type of the body, lower case, without parameters; empty when there is none. */
        String mediaType() {
            Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
            String value = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("content-type"))
                    .map(Map.Entry::getValue).findFirst().orElse("");
            int semicolon = value.indexOf(';');
            return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }

        /** The body's fields, when its media type is one of {@code accepted}. */
        Map<String, String> fields(Set<String> accepted) {
            String type = mediaType();
            if (!accepted.contains(type)) {
                throw new BadRequestException("content type not one of " + accepted);
            }
            return type.equals(JSON) ? json(body()) : form(body());
        }
    }

    /** The answer of the one use case the request is for; empty when it is for none. */
    private Optional<Answer> answer(Request r) {
        if (r.is("POST", "/subscribe")) {
            Map<String, String> fields = r.fields(Set.of(FORM, JSON));
            Cadence cadence = cadence(fields.getOrDefault("cadence", "every_update"));
            Topics topics = topics(r, fields);
            if (revisions.recent(hub, 1).lastAccepted().isEmpty()) {
                throw new NoEditionException();
            }
            return Optional.of(new RequestSubscription(requests, clock).request(fields.getOrDefault("email", ""), cadence, topics));
        }
        if (r.is("POST", "/preference-link")) {
            Map<String, String> fields = r.fields(Set.of(FORM, JSON));
            return Optional.of(new RequestSubscription(requests, clock).requestPreferenceLink(fields.getOrDefault("email", "")));
        }
        if (r.is("GET", "/confirm")) {
            return Optional.of(confirm().page(r.token()));
        }
        if (r.is("POST", "/confirm")) {
            r.body();
            return Optional.of(confirm().confirm(r.token()));
        }
        if (r.is("GET", "/unsubscribe")) {
            return Optional.of(new Unsubscribe(directory, tokens, clock).page(r.token()));
        }
        if (r.is("POST", "/unsubscribe")) {
            return Optional.of(new Unsubscribe(directory, tokens, clock).oneClick(r.token(), r.body().strip()));
        }
        if (r.is("GET", "/manage")) {
            return Optional.of(manage().page(r.token()));
        }
        if (r.is("POST", "/manage")) {
            r.fields(Set.of(FORM));
            PreferenceForm form;
            try {
                form = PreferenceForm.parse(r.body());
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("not a preference form");
            }
            return Optional.of(form.apply(manage(), r.token()));
        }
        return Optional.empty();
    }

    private ManageSubscription manage() {
        return new ManageSubscription(directory, tokens, clock, this::headSeq);
    }

    /** Confirming queues the welcome email for {@link SubscriptionRequestFunction}: this function sends no mail. */
    private Confirm confirm() {
        return new Confirm(directory, tokens, clock, this::headSeq, s -> requests.submit(SubscriptionRequest.welcome(s, clock.instant())));
    }

    /**
     * What a subscribe form follows: its {@code section} and {@code page} fields (repeated, as
     * checkboxes post them; in JSON, comma-separated strings); the whole hub when there are none.
     */
    private static Topics topics(Request r, Map<String, String> fields) {
        List<String> sections = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        if (r.mediaType().equals(JSON)) {
            split(fields.get("sections"), sections);
            split(fields.get("pages"), pages);
        } else {
            for (String pair : r.body().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && (kv[0].equals("section") || kv[0].equals("page"))) {
                    (kv[0].equals("section") ? sections : pages).add(URLDecoder.decode(kv[1], StandardCharsets.UTF_8).strip());
                }
            }
        }
        try {
            return Topics.of(sections.stream().filter(x -> !x.isEmpty()).toList(), pages.stream().filter(x -> !x.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("not a section or page name");
        }
    }

    private static void split(String text, List<String> into) {
        if (text != null) {
            into.addAll(List.of(text.split(",")));
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                try {
                    fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("form field is not percent-encoded");
                }
            }
        }
        return fields;
    }

    /** A JSON object's fields; each must be a string. */
    private static Map<String, String> json(String body) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new BadRequestException("body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new BadRequestException("body is not a JSON object");
        }
        Map<String, String> fields = new HashMap<>();
        json.properties().forEach(e -> {
            if (!e.getValue().isTextual()) {
                throw new BadRequestException("a JSON field is not a string");
            }
            fields.put(e.getKey(), e.getValue().asText());
        });
        return fields;
    }

    /** "every_update", "every-update", "weekly", any case. */
    private static Cadence cadence(String text) {
        try {
            return Cadence.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("no such cadence");
        }
    }

    /**
     * Where a confirmed reader's digests start: the newest revision whose site is published, the
     * one they can have read ({@link Announcements}). Not the newest accepted one: if its site failed,
     * its changes are announced once the site is retried, and the reader would never get them.
     */
    private long headSeq() {
        return Announcements.newestPublished(revisions.recent(hub, PublishRevision.HISTORY).accepted())
                .map(Revision::seq).orElse(0L);
    }

    private static APIGatewayV2HTTPResponse html(int status, String page) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8", "Cache-Control", "no-store",
                        "X-Content-Type-Options", "nosniff", "Referrer-Policy", "no-referrer"))
                .withBody(page).build();
    }

    /** The request is not one this API takes; the message says why, in words that hold no input. */
    private static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadRequestException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final class NoEditionException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
