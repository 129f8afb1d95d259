package dev.hubpress.core.publish;

import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the site says about the PDF guide ("PDF, 1.2 MB, 48 pages"): the guide channel records it
 * as facts on its status, the site reads it from the edition's history. Neither channel depends
 * on the other; the channel statuses on the revision log are the only contract.
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
     * The guide as the site can link to it while publishing {@code seq}: the newest guide
     * published for a revision up to {@code seq} (the "latest" URL serves it). Empty when no guide
     * was published yet, e.g. when the site renders before the guide or the hub has no guide.
     *
     * @param history accepted revisions newest first, as an {@link Edition} carries them
     */
    public static Optional<GuideInfo> published(List<Revision> history, long seq) {
        return history.stream()
                .filter(r -> r.seq() <= seq)
                .map(r -> r.channels().get(CHANNEL))
                .filter(s -> s != null && s.state() == ChannelStatus.State.DONE)
                .map(s -> of(s.facts()))
                .flatMap(Optional::stream)
                .findFirst();
    }
}
