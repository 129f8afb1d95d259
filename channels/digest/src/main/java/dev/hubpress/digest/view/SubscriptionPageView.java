package dev.hubpress.digest.view;

import java.util.List;

/**
 * What a subscription page shows: one sentence, and the form of a confirm, unsubscribe or manage link.
 *
 * @param action  where the form posts: the same link ({@code ?token=…}); empty without a form
 * @param choices the cadences a manage form offers; empty otherwise
 */
public record SubscriptionPageView(String language, String message, Form form, String action, List<Choice> choices) {

    public SubscriptionPageView {
        choices = List.copyOf(choices);
    }

    /** Which form the page carries. */
    public enum Form { NONE, CONFIRM, UNSUBSCRIBE, MANAGE }

    /** One radio button of the manage form. */
    public record Choice(String value, String label, boolean checked) {
    }
}
