package dev.hubpress.core.mail;

import dev.hubpress.core.revision.PageChange;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a subscriber follows by email: the whole hub (no sections and no pages named), or some
 * sections (by id, as in hub.yaml) and/or single pages (by slug). A digest carries only the page
 * changes a subscriber follows ({@link Digest#only}).
 * <p>
 * Its {@linkplain #encode() encoded form} is short and canonical ({@code s=careers,skills;p=faq},
 * empty for the whole hub), so a directory stores it as one small attribute, absent for the whole
 * hub (records written before topics existed read as the whole hub), and two subscribers follow the
 * same things exactly when their encodings are equal.
 */
public record Topics(SortedSet<String> sections, SortedSet<String> pages) {

    /** At most this many sections and pages together: keeps a stored record and a form small. */
    public static final int MAX_TOPICS = 50;

    /** Section ids and page slugs: lower-case words, digits and '-', pages with '/' between folders. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,79}(/[a-z0-9][a-z0-9_-]{0,79}){0,4}");

    public static final Topics WHOLE_HUB = new Topics(new TreeSet<>(), new TreeSet<>());

    public Topics {
        sections = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(sections));
        pages = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(pages));
        if (sections.size() + pages.size() > MAX_TOPICS) {
            throw new IllegalArgumentException("at most " + MAX_TOPICS + " sections and pages can be followed");
        }
        for (String name : sections) {
            if (!NAME.matcher(name).matches() || name.contains("/")) {
                throw new IllegalArgumentException("not a section id: " + name);
            }
        }
        for (String name : pages) {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a page slug: " + name);
            }
        }
    }

    public static Topics of(Collection<String> sections, Collection<String> pages) {
        return new Topics(new TreeSet<>(sections), new TreeSet<>(pages));
    }

    public boolean wholeHub() {
        return sections.isEmpty() && pages.isEmpty();
    }

    /** Whether a change to that page is something this subscriber follows. */
    public boolean follows(PageChange change) {
        return wholeHub() || pages.contains(change.slug())
                || (change.sectionOrGuess() != null && sections.contains(change.sectionOrGuess()));
    }

    /** These topics without one section or page (unfollowing the last one leaves nothing: empty). */
    public java.util.Optional<Topics> without(String section, String page) {
        TreeSet<String> s = new TreeSet<>(sections);
        TreeSet<String> p = new TreeSet<>(pages);
        boolean removed = (section != null && s.remove(section)) | (page != null && p.remove(page));
        if (!removed) {
            return java.util.Optional.of(this);
        }
        return s.isEmpty() && p.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Topics(s, p));
    }

    /** The canonical text form: {@code s=a,b;p=c}, parts omitted when empty; "" for the whole hub. */
    public String encode() {
        List<String> parts = new ArrayList<>();
        if (!sections.isEmpty()) {
            parts.add("s=" + String.join(",", sections));
        }
        if (!pages.isEmpty()) {
            parts.add("p=" + String.join(",", pages));
        }
        return String.join(";", parts);
    }

    /**
     * @param text an {@link #encode()}d form; null or empty for the whole hub
     * @throws IllegalArgumentException when it is not one
     */
    public static Topics decode(String text) {
        if (text == null || text.isEmpty()) {
            return WHOLE_HUB;
        }
        TreeSet<String> sections = new TreeSet<>();
        TreeSet<String> pages = new TreeSet<>();
        for (String part : text.split(";", -1)) {
            if (part.startsWith("s=")) {
                sections.addAll(List.of(part.substring(2).split(",", -1)));
            } else if (part.startsWith("p=")) {
                pages.addAll(List.of(part.substring(2).split(",", -1)));
            } else {
                throw new IllegalArgumentException("not a topic list: " + text);
            }
        }
        return new Topics(sections, pages);
    }

    @Override
    public String toString() {
        return wholeHub() ? "the whole hub" : encode();
    }
}
