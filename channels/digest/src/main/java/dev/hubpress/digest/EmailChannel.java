package dev.hubpress.digest;

import dev.hubpress.core.channel.Channel;
import dev.hubpress.core.channel.Setting;
import dev.hubpress.core.revision.Announcements;
import dev.hubpress.core.model.HubConfig;

import java.util.List;
import java.util.Set;

/**
 * Email: the digest and confirmation emails. It publishes no site objects (it sends mail), but it
 * declares its settings, so the gate checks them, and the preview folder it writes locally.
 */
public final class EmailChannel implements Channel {

    public static final String ID = "email";
    /** The sender's display name; default the hub's title. */
    public static final Setting<String> FROM_NAME = Setting.text(ID, "fromName", HubConfig::title, 100);
    /**
     * What routes mail is the deployment's to say, not the content's ({@link dev.hubpress.core.mail.MailRouting}):
     * these keys, read from hub.yaml by earlier versions, are refused with where to set them instead.
     */
    private static final List<Setting<?>> DEPLOYMENT_KEYS = List.of(
            Setting.deployment(ID, "fromAddress", "the stack's SenderAddress / SenderDomain; HUB_MAIL_FROM for ./hub"),
            Setting.deployment(ID, "apiBaseUrl", "the stack's own API under the site's host; HUB_API_BASE_URL for ./hub"),
            Setting.deployment(ID, "unsubscribeMailto", "the stack's UnsubscribeMailto; HUB_UNSUBSCRIBE_MAILTO for ./hub"));

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
        List<Setting<?>> all = new java.util.ArrayList<>(List.of(FROM_NAME));
        all.addAll(DEPLOYMENT_KEYS);
        return all;
    }

    /**
     * The site: a digest announces a revision only once its site is published, and on AWS the
     * digest planner is woken by the site's outcome on a revision, as the site is by the guide's.
     */
    @Override
    public Set<String> reads() {
        return Set.of(Announcements.SITE);
    }
}
