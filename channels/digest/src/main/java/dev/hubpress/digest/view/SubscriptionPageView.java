package dev.hubpress.digest.view;

import java.util.List;

/**
 * What a subscription page shows: one sentence, and the form of a confirm, unsubscribe or manage link.
 *
 * @param action  where the form posts: the same link ({@code ?token=…}); empty without a form
 * @param choices the cadences a manage form offers; empty otherwise
 * @param topics  the sections and pages a manage form offers to follow; empty otherwise
 * @param wholeHub on a manage form, whether the subscriber follows everything
 * @param paused  on a manage form, whether the subscriber paused their emails
 */
public record SubscriptionPageView(String language, String message, Form form, String action, List<Choice> choices,
                                   List<Topic> topics, boolean wholeHub, boolean paused) {

    public SubscriptionPageView {
        choices = List.copyOf(choices);
        topics = List.copyOf(topics);
    }

    public SubscriptionPageView(String language, String message, Form form, String action, List<Choice> choices) {
        this(language, message, form, action, choices, List.of(), true, false);
    }

    /** Which form the page carries. */
    public enum Form { NONE, CONFIRM, UNSUBSCRIBE, MANAGE }

    /** One radio button of the manage form. */
    public record Choice(String value, String label, boolean checked) {
    }

    /**
     * One section or page the manage form offers, ticked when followed.
     *
     * @param field "section" or "page": the form field it is posted as
     * @param id    an id for the label: {@code section-careers}
     */
    public record Topic(String field, String value, String label, boolean checked, String id) {
    }
}
