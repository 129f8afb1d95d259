package dev.hubpress.digest;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.model.HubConfig;

import java.net.URI;
import java.util.Locale;

/**
 * The email channel's settings from {@code hub.yaml} ({@code channels: email: {…}}), with local
 * defaults derived from the hub's {@code baseUrl} host:
 * <ul>
 *   <li>{@code fromName}: the hub's title;</li>
 *   <li>{@code fromAddress}: {@code digest@<host>};</li>
 *   <li>{@code apiBaseUrl}: where the subscription endpoints live ({@code /confirm},
 *       {@code /unsubscribe}, {@code /manage}); default {@code <baseUrl>/api};</li>
 *   <li>{@code unsubscribeMailto}: the mailto address of {@code List-Unsubscribe}; default
 *       {@code unsubscribe@<host>}.</li>
 * </ul>
 */
public record EmailSettings(OutgoingEmail.Mailbox from, String apiBaseUrl, EmailAddress unsubscribeMailto, String host) {

    public static final String CHANNEL = "email";

    public static EmailSettings of(HubConfig config) {
        String host = URI.create(config.baseUrl()).getHost();
        host = host == null ? "localhost.localdomain" : host.toLowerCase(Locale.ROOT);
        String fromName = config.channelString(CHANNEL, "fromName", config.title());
        EmailAddress fromAddress = EmailAddress.parse(config.channelString(CHANNEL, "fromAddress", "digest@" + host));
        String api = config.channelString(CHANNEL, "apiBaseUrl", config.baseUrl() + "/api");
        api = api.endsWith("/") ? api.substring(0, api.length() - 1) : api;
        if (!api.startsWith("https://") && !api.startsWith("http://")) {
            throw new IllegalArgumentException("channels.email.apiBaseUrl must be an absolute http(s) URL: " + api);
        }
        EmailAddress mailto = EmailAddress.parse(config.channelString(CHANNEL, "unsubscribeMailto", "unsubscribe@" + host));
        return new EmailSettings(new OutgoingEmail.Mailbox(fromAddress, fromName), api, mailto, host);
    }

    public String unsubscribeUrl(String token) {
        return apiBaseUrl + "/unsubscribe?token=" + token;
    }

    public String manageUrl(String token) {
        return apiBaseUrl + "/manage?token=" + token;
    }

    public String confirmUrl(String token) {
        return apiBaseUrl + "/confirm?token=" + token;
    }

    public String unsubscribeMailtoUrl() {
        return "mailto:" + unsubscribeMailto.value() + "?subject=unsubscribe";
    }
}
