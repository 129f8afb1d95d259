package dev.hubpress.core.channel;

import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the site says about the PDF guide ("PDF, 1.2 MB, 48 pages"): the guide channel records it
 * as facts on its status on the revision, the site reads it from the same revision. Neither
 * channel depends on the other; this record, in the core, is their only contract.
 *
 * @param latest   site path of the stable "latest" PDF, e.g. {@code guide/backend-engineer-hub.pdf}
 * @param revision path of the per-revision PDF, e.g. {@code guide/r42.pdf}
 * @param bytes    size of the PDF
 * @param pages    number of pages
 */
public record GuideInfo(String latest, String revision, long bytes, int pages) {

    /** The channel name the guide records its status under. */
    public static final String CHANNEL = "guide";

    /**
     * Site path of the stable "latest" guide: {@code guide/backend-engineer-hub.pdf} for a hub titled
     * "Backend Engineer Hub". The guide publishes there and other channels (the digest) link to it.
     */
    public static String latestKey(HubConfig config) {
        String slug = config.title().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return "guide/" + (slug.isEmpty() ? "guide" : slug) + ".pdf";
    }

    /** Site path of one revision's own guide: {@code guide/r42.pdf}. */
    public static String revisionKey(Revision revision) {
        return "guide/" + revision.id() + ".pdf";
    }

    public Map<String, String> facts() {
        return Map.of("latest", latest, "revision", revision, "bytes", Long.toString(bytes), "pages", Integer.toString(pages));
    }

    /** Reads the facts back; empty when they are missing or malformed. */
    public static Optional<GuideInfo> of(Map<String, String> facts) {
        try {
            String latest = facts.get("latest");
            String revision = facts.get("revision");
            if (latest == null || revision == null || !facts.containsKey("bytes") || !facts.containsKey("pages")) {
                return Optional.empty();
            }
            return Optional.of(new GuideInfo(latest, revision, Long.parseLong(facts.get("bytes")),
                    Integer.parseInt(facts.get("pages"))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * The guide of this revision, as the guide channel recorded it; empty when its guide is not
     * published (yet, or failed). A channel that shows it {@linkplain Channel#reads reads} the
     * guide, so it publishes after the guide and again when the guide's outcome changes: it never
     * shows the guide of another revision.
     */
    public static Optional<GuideInfo> of(Revision revision) {
        ChannelStatus status = revision.channels().get(CHANNEL);
        return status == null || status.state() != ChannelStatus.State.DONE ? Optional.empty() : of(status.facts());
    }
}
