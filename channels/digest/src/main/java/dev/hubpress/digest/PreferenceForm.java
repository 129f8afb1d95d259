package dev.hubpress.digest;

import dev.hubpress.core.mail.Answer;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.ManageSubscription;
import dev.hubpress.core.mail.Topics;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the preference page's form ({@code subscription.jte}) posts, read back: which button was
 * pressed (save, stop following one section or page, unsubscribe from everything) and the settings.
 * The HTTP API and the local preview both hand it to {@link ManageSubscription} through {@link #apply}.
 *
 * @param leave           "Unsubscribe from everything"
 * @param unfollowSection the section of a "Stop following" button; null for none
 * @param unfollowPage    the page of a "Stop following" button; null for none
 */
public record PreferenceForm(boolean leave, String unfollowSection, String unfollowPage, ManageSubscription.Preferences preferences) {

    /**
     * @param body an {@code application/x-www-form-urlencoded} body
     * @throws IllegalArgumentException when it is not one this form posts (a bad cadence or name)
     */
    public static PreferenceForm parse(String body) {
        List<String> sections = new ArrayList<>();
        List<String> pages = new ArrayList<>();
        String follow = null;
        Cadence cadence = Cadence.EVERY_UPDATE;
        boolean paused = false;
        boolean leave = false;
        String unfollowSection = null;
        String unfollowPage = null;
        for (String pair : body == null ? new String[0] : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
            switch (name) {
                case "section" -> sections.add(value);
                case "page" -> pages.add(value);
                case "follow" -> follow = value;
                case "cadence" -> cadence = Cadence.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
                case "paused" -> paused = true;
                case "leave" -> leave = true;
                case "unfollow-section" -> unfollowSection = value;
                case "unfollow-page" -> unfollowPage = value;
                default -> {
                    // other fields (the save button) carry nothing
                }
            }
        }
        // "Only what is ticked" with nothing ticked would follow nothing: it keeps the whole hub.
        // No choice at all (a client posting only a cadence) keeps what is followed.
        Topics topics = follow == null ? null : follow.equals("some") ? Topics.of(sections, pages) : Topics.WHOLE_HUB;
        return new PreferenceForm(leave, unfollowSection, unfollowPage, new ManageSubscription.Preferences(cadence, topics, paused));
    }

    /** Does what the form asked, for the subscriber of the manage token. */
    public Answer apply(ManageSubscription manage, String token) {
        if (leave) {
            return manage.unsubscribe(token);
        }
        if (unfollowSection != null || unfollowPage != null) {
            return manage.unfollow(token, unfollowSection, unfollowPage);
        }
        return manage.save(token, preferences);
    }
}
