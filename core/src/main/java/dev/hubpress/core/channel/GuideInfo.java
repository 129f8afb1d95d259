package dev.hubpress.core.channel;

import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.Revision;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
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
 * @param sections the guide of each section on its own, in reading order
 */
public record GuideInfo(String latest, String revision, long bytes, int pages, List<SectionPdf> sections) {

    public GuideInfo {
        sections = List.copyOf(sections);
    }

    /** A guide without per-section PDFs. */
    public GuideInfo(String latest, String revision, long bytes, int pages) {
        this(latest, revision, bytes, pages, List.of());
    }

    /**
     * One section's own PDF.
     *
     * @param section the section's name in its key ({@link #sectionOf})
     * @param path    its site path, {@link #sectionKey}
     */
    public record SectionPdf(String section, String path, long bytes, int pages) {
    }

    /** Where the per-section PDFs are published. */
    public static final String SECTIONS = "guide/sections/";

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

    /**
     * Site path of one section's own guide: {@code guide/sections/careers.pdf} for the section
     * {@code careers}; a section id is lower-cased and anything but letters, digits and hyphens
     * becomes a hyphen, so the key is a plain file name.
     */
    public static String sectionKey(String section) {
        String name = section.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
        return SECTIONS + (name.isEmpty() ? "-" : name) + ".pdf";
    }

    /** The section a key published by {@link #sectionKey} names back, as the key writes it; empty for other keys. */
    public static Optional<String> sectionOf(String key) {
        return key.startsWith(SECTIONS) && key.endsWith(".pdf") && key.indexOf('/', SECTIONS.length()) < 0
                ? Optional.of(key.substring(SECTIONS.length(), key.length() - ".pdf".length()))
                : Optional.empty();
    }

    /** The PDF of this section (by its id in hub.yaml), when the guide has one. */
    public Optional<SectionPdf> section(String section) {
        String path = sectionKey(section);
        return sections.stream().filter(s -> s.path().equals(path)).findFirst();
    }

    public Map<String, String> facts() {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("latest", latest);
        facts.put("revision", revision);
        facts.put("bytes", Long.toString(bytes));
        facts.put("pages", Integer.toString(pages));
        for (SectionPdf s : sections) {
            // One fact per section: "section.<id>" -> "<path> <bytes> <pages>" (a path has no spaces).
            facts.put(SECTION_FACT + s.section(), s.path() + " " + s.bytes() + " " + s.pages());
        }
        return facts;
    }

    private static final String SECTION_FACT = "section.";

    /** Reads the facts back; empty when they are missing or malformed. */
    public static Optional<GuideInfo> of(Map<String, String> facts) {
        try {
            String latest = facts.get("latest");
            String revision = facts.get("revision");
            if (latest == null || revision == null || !facts.containsKey("bytes") || !facts.containsKey("pages")) {
                return Optional.empty();
            }
            List<SectionPdf> sections = new ArrayList<>();
            for (Map.Entry<String, String> e : new TreeMap<>(facts).entrySet()) {
                if (e.getKey().startsWith(SECTION_FACT)) {
                    String[] v = e.getValue().split(" ");
                    if (v.length != 3) {
                        return Optional.empty();
                    }
                    sections.add(new SectionPdf(e.getKey().substring(SECTION_FACT.length()), v[0], Long.parseLong(v[1]), Integer.parseInt(v[2])));
                }
            }
            return Optional.of(new GuideInfo(latest, revision, Long.parseLong(facts.get("bytes")),
                    Integer.parseInt(facts.get("pages")), sections));
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
