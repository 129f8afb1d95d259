package dev.hubpress.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Confirm;
import dev.hubpress.core.mail.ConfirmationLimits;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.ManageSubscription;
import dev.hubpress.core.mail.RequestSubscription;
import dev.hubpress.core.mail.Subscribe;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.mail.Unsubscribe;
import dev.hubpress.core.mail.Welcome;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.DigestEmails;
import dev.hubpress.digest.PreferenceForm;
import dev.hubpress.digest.SubscriptionPages;
import dev.hubpress.local.FileConfirmationBudget;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The subscription endpoints of {@code ./hub preview} under {@code /api/}, the paths the site's
 * forms and the emails' links use on AWS ({@code subscribe}, {@code confirm}, {@code unsubscribe},
 * {@code manage}, {@code preference-link}), on the same use cases and pages, with the output
 * folder's subscribers and outbox. Unlike the deployed API it handles a request at once (no
 * queue: the confirmation or settings-link email is in the outbox when the answer comes) and reads
 * forms only. Emails link back to this server, so a reader can follow them from the outbox.
 */
final class LocalSubscriptions implements HttpHandler {

    /** The largest form body read, as on AWS. */
    static final int MAX_BODY_BYTES = 4 * 1024;

    private final LocalMail mail;
    private final MailRouting routing;

    /** @param apiBaseUrl this server's {@code /api}, e.g. {@code http://127.0.0.1:8000/api} */
    LocalSubscriptions(LocalMail mail, String apiBaseUrl) {
        this.mail = mail;
        MailRouting configured = mail.routing();
        this.routing = new MailRouting(configured.from(), apiBaseUrl, configured.unsubscribeMailto());
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String token = query(exchange.getRequestURI().getRawQuery(), "token");
            String body = method.equals("POST") ? body(exchange) : "";
            if (body == null) {
                send(exchange, 400, SubscriptionPages.answer(Answer.of(Answer.Outcome.BAD_REQUEST), ""));
                return;
            }
            Optional<Revision> head = mail.head();
            if (head.isEmpty()) {
                send(exchange, 503, SubscriptionPages.opensOncePublished());
                return;
            }
            Hub hub = mail.hub(head.get());
            Optional<Answer> answer;
            try {
                answer = answer(method, path.substring(path.lastIndexOf('/')), token, body, hub, head.get());
            } catch (IllegalArgumentException e) {
                answer = Optional.of(Answer.of(Answer.Outcome.BAD_REQUEST));
            }
            if (answer.isEmpty()) {
                send(exchange, 404, SubscriptionPages.notFound());
                return;
            }
            send(exchange, answer.get().httpStatus(), SubscriptionPages.answer(answer.get(), token, hub.config().sections(),
                    slug -> hub.page(slug).map(Page::title).orElse(slug)));
        }
    }

    private Optional<Answer> answer(String method, String route, String token, String body, Hub hub, Revision head) {
        Tokens tokens = mail.tokens();
        DigestEmails emails = new DigestEmails(hub, routing, tokens.confirmValidity());
        Welcome welcome = new Welcome(mail.hubId, mail.log, mail.directory, mail.outbox, emails, tokens, mail.clock);
        // no queue locally: a request is handled as it is made
        Subscribe worker = new Subscribe(mail.directory, new FileConfirmationBudget(mail.state.resolve("confirmation-budget"), mail.clock),
                ConfirmationLimits.DEFAULT, mail.outbox, emails, tokens, mail.clock).welcoming(welcome);
        RequestSubscription form = new RequestSubscription(worker::subscribe, mail.clock);
        ManageSubscription manage = new ManageSubscription(mail.directory, tokens, mail.clock, head::seq);
        String key = method + " " + route;
        return Optional.ofNullable(switch (key) {
            case "POST /subscribe" -> form.request(field(body, "email"), cadence(field(body, "cadence")), topics(body));
            case "POST /preference-link" -> form.requestPreferenceLink(field(body, "email"));
            case "GET /confirm" -> new Confirm(mail.directory, tokens, mail.clock, head::seq).page(token);
            case "POST /confirm" -> new Confirm(mail.directory, tokens, mail.clock, head::seq, welcome::send).confirm(token);
            case "GET /unsubscribe" -> new Unsubscribe(mail.directory, tokens, mail.clock).page(token);
            case "POST /unsubscribe" -> new Unsubscribe(mail.directory, tokens, mail.clock).oneClick(token, body.strip());
            case "GET /manage" -> manage.page(token);
            case "POST /manage" -> PreferenceForm.parse(body).apply(manage, token);
            default -> null;
        });
    }

    /** A subscribe form's sections and pages (repeated fields, as checkboxes post them); none: the whole hub. */
    private static Topics topics(String body) {
        List<String> sections = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        for (String pair : body.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv.length == 2 && (kv[0].equals("section") || kv[0].equals("page"))) {
                String value = URLDecoder.decode(kv[1], StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    (kv[0].equals("section") ? sections : pages).add(value);
                }
            }
        }
        return Topics.of(sections, pages);
    }

    private static Cadence cadence(String text) {
        return text.isEmpty() ? Cadence.EVERY_UPDATE : Cadence.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    private static String field(String body, String name) {
        return query(body, name);
    }

    /** The first value of a field of a query string or form body; "" when absent. */
    private static String query(String raw, String name) {
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && kv[0].equals(name)) {
                    return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    /** The body as UTF-8, or null when it is over {@link #MAX_BODY_BYTES}. */
    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void send(HttpExchange exchange, int status, String html) throws IOException {
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
