package dev.hubpress.digest;

import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.model.HubConfig;

/**
 * What the emails are sent as: the deployment's routing (address, endpoints) under the hub's own
 * display name ({@link EmailChannel#FROM_NAME}, the one email setting content may choose).
 */
public record EmailSettings(OutgoingEmail.Mailbox from, MailRouting routing) {

    public static EmailSettings of(HubConfig config, MailRouting routing) {
        return new EmailSettings(new OutgoingEmail.Mailbox(routing.from(), EmailChannel.FROM_NAME.of(config)), routing);
    }

    /** The host that names the hub's mail (Message-ID, List-Id). */
    public String host() {
        return routing.host();
    }

    /** {@code List-Unsubscribe}: the one-click URL, and the mailto address when the deployment has one. */
    public String listUnsubscribe(String token) {
        return "<" + routing.unsubscribeUrl(token) + ">"
                + routing.unsubscribeMailto().map(m -> ", <mailto:" + m.value() + "?subject=unsubscribe>").orElse("");
    }
}
