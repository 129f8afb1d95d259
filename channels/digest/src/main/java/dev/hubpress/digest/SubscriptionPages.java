package dev.hubpress.digest;

import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.digest.view.SubscriptionPageView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.Locale;

/**
 * The pages the subscription endpoints answer with, rendered from {@code subscription.jte}: the
 * sentence of the use case's {@link Answer}, with the confirm button on a confirm link, the
 * one-click button on an unsubscribe link and the preference form on a manage link (what to follow,
 * cadence, pause, stop following one topic, unsubscribe from everything; {@link PreferenceForm}), each posting
 * back to the same link (a GET of a link never changes anything; link scanners fetch them). The sentences are
 * English whatever the hub's language, and so is the page's {@code lang}. No external resources;
 * not to be indexed. Nothing on a page tells whether an address is subscribed.
 */
public final class SubscriptionPages {

    private static final String LANGUAGE = "en";

    private SubscriptionPages() {
    }

    /** The page of a use case's answer; {@code token} is the link's, which a form posts back with. */
    public static String answer(Answer answer, String token) {
        return answer(answer, token, List.of(), slug -> slug);
    }

    /**
     * The page of a use case's answer; a preference page (and the page after saving it) offers the
     * hub's {@code sections} to follow, and the pages the subscriber follows by {@code pageTitle}.
     */
    public static String answer(Answer answer, String token, List<HubConfig.SectionInfo> sections, Function<String, String> pageTitle) {
        String action = "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return switch (answer.outcome()) {
            case CONFIRM_PAGE -> render(answer.message(), SubscriptionPageView.Form.CONFIRM, action, List.of());
            case UNSUBSCRIBE_PAGE -> render(answer.message(), SubscriptionPageView.Form.UNSUBSCRIBE, action, List.of());
            case MANAGE_PAGE, UPDATED -> answer.topics() == null ? notice(answer.message())
                    : preferences(answer, action, sections, pageTitle);
            default -> notice(answer.message());
        };
    }

    private static String preferences(Answer answer, String action, List<HubConfig.SectionInfo> sections,
                                       Function<String, String> pageTitle) {
        Topics topics = answer.topics();
        List<SubscriptionPageView.Topic> offered = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (HubConfig.SectionInfo section : sections) {
            listed.add(section.id());
            offered.add(new SubscriptionPageView.Topic("section", section.id(), section.title(), topics.sections().contains(section.id()),
                    "section-" + section.id()));
        }
        topics.sections().stream().filter(id -> !listed.contains(id)).forEach(id ->
                offered.add(new SubscriptionPageView.Topic("section", id, id, true, "section-" + id)));
        topics.pages().forEach(slug -> offered.add(new SubscriptionPageView.Topic("page", slug, "Page: " + pageTitle.apply(slug), true,
                "page-" + slug.replace('/', '-'))));
        return Templates.render("subscription.jte", new SubscriptionPageView(LANGUAGE, answer.message(), SubscriptionPageView.Form.MANAGE,
                action, choices(answer.cadence()), offered, topics.wholeHub(), answer.paused()), 4 * 1024);
    }

    /** No endpoint at that method and path. */
    public static String notFound() {
        return notice("Not found.");
    }

    /** The confirmation email could not be sent now. */
    public static String tryAgainLater() {
        return notice("Please try again in a few minutes.");
    }

    /** Nothing is published yet, so there is nothing to subscribe to. */
    public static String opensOncePublished() {
        return notice("Subscriptions open once the hub is published.");
    }

    private static String notice(String message) {
        return render(message, SubscriptionPageView.Form.NONE, "", List.of());
    }

    private static List<SubscriptionPageView.Choice> choices(Cadence current) {
        return Arrays.stream(Cadence.values()).map(c -> new SubscriptionPageView.Choice(c.name().toLowerCase(Locale.ROOT),
                c == Cadence.WEEKLY ? "Once a week" : "After every update", c == current)).toList();
    }

    private static String render(String message, SubscriptionPageView.Form form, String action,
                                 List<SubscriptionPageView.Choice> choices) {
        return Templates.render("subscription.jte", new SubscriptionPageView(LANGUAGE, message, form, action, choices), 2 * 1024);
    }
}
