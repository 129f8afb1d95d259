package dev.hubpress.digest;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.model.HubConfig;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Email: the digest and confirmation emails. It publishes no site objects (it sends mail), but it
 * declares its settings, so the gate checks them, and the preview folder it writes locally.
 */
public final class EmailChannel implements Channel {

    public static final String ID = "email";
    /** The sender's display name; default the hub's title. */
    public static final Setting<String> FROM_NAME = Setting.text(ID, "fromName", HubConfig::title, 100);
    /** The sender's address; default {@code digest@<host of baseUrl>}. */
    public static final Setting<String> FROM_ADDRESS = emailAddress("fromAddress", c -> "digest@" + host(c));
    /** Where the subscription endpoints live ({@code /confirm}, {@code /unsubscribe}, {@code /manage}); default {@code <baseUrl>/api}. */
    public static final Setting<String> API_BASE_URL = Setting.httpUrl(ID, "apiBaseUrl", c -> c.baseUrl() + "/api");
    /** The mailto address of {@code List-Unsubscribe}; default {@code unsubscribe@<host>}. */
    public static final Setting<String> UNSUBSCRIBE_MAILTO = emailAddress("unsubscribeMailto", c -> "unsubscribe@" + host(c));

    @Override
    public String id() {
        return ID;
    }

    /** The local preview of the latest digest, digest/latest.html. */
    @Override
    public Set<String> owns() {
        return Set.of("digest/");
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(FROM_NAME, FROM_ADDRESS, API_BASE_URL, UNSUBSCRIBE_MAILTO);
    }

    /**
     * The site: a digest announces a revision only once its site is published, and on AWS the
     * digest planner is woken by the site's outcome on a revision, as the site is by the guide's.
     */
    @Override
    public Set<String> reads() {
        return Set.of(Announcements.SITE);
    }

    private static Setting<String> emailAddress(String key, java.util.function.Function<HubConfig, String> fallback) {
        return Setting.matching(ID, key, fallback, EmailAddress::isValid, "an email address");
    }

    /** The host of the hub's base URL, lower case. */
    static String host(HubConfig config) {
        String host = URI.create(config.baseUrl()).getHost();
        return host == null ? "localhost.localdomain" : host.toLowerCase(Locale.ROOT);
    }
}
