package dev.hubpress.digest;

import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.model.HubConfig;


/** The email channel's settings ({@link EmailChannel}) as the emails use them. */
public record EmailSettings(OutgoingEmail.Mailbox from, String apiBaseUrl, EmailAddress unsubscribeMailto, String host) {

    public static EmailSettings of(HubConfig config) {
        return new EmailSettings(
                new OutgoingEmail.Mailbox(EmailAddress.parse(EmailChannel.FROM_ADDRESS.of(config)), EmailChannel.FROM_NAME.of(config)),
                EmailChannel.API_BASE_URL.of(config), EmailAddress.parse(EmailChannel.UNSUBSCRIBE_MAILTO.of(config)),
                EmailChannel.host(config));
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
