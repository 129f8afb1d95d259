package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.content.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The site's search index: static files a reader's browser loads as scripts (so it works opened
 * from disk, where Chromium refuses to fetch files), sharded so a query loads only what it needs.
 *
 * <ul>
 *   <li>{@code search-index/manifest.js}: the number of sections, the first term of each term shard,
 *       and the fingerprint of every shard (so shards are cached forever and the manifest, the one
 *       file with a fixed name, says which are current);</li>
 *   <li>term shards {@code t.<fingerprint>.js}: the sorted vocabulary cut into ranges, each term with
 *       the sections whose heading has it and the sections whose text has it. A range ends after a
 *       term whose hash has its low bits clear once the shard holds {@value #TERM_SHARD_MIN_CHARS}
 *       characters (or before it would pass {@value #TERM_SHARD_MAX_CHARS}): boundaries depend on the
 *       terms beside them, not on position, so a new word rewrites its own shard and not every shard
 *       after it, and a shard is named by its fingerprint alone, so one cut more does not rename the
 *       rest;</li>
 *   <li>section shards {@code d<i>.<fingerprint>.js}: {@value #SECTIONS_PER_SHARD} sections each, in
 *       reading order, with their page, anchor, heading and snippet: only the shards of the results
 *       shown are loaded.</li>
 * </ul>
 *
 * Sections are numbered in reading order; a section list is its numbers' gaps as base-64 varints
 * (5 bits a character, the sixth saying another follows), so a term on every page costs about a
 * character per section. Each file calls {@code hubSearch.loaded(name, data)}; the data is JSON,
 * escaped as the JSON-LD is. The bytes are a function of the pages' entries only.
 */
final class SearchIndex {

    static final String FOLDER = "search-index/";
    static final String MANIFEST = FOLDER + "manifest.js";
    static final int SECTIONS_PER_SHARD = 32;
    static final int TERM_SHARD_MIN_CHARS = 12_000;
    static final int TERM_SHARD_MAX_CHARS = 24_000;
    /** One term in eight ends a shard once it is past its minimum. */
    private static final int CUT_MASK = 7;
    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
    private static final String TYPE = "text/javascript; charset=utf-8";

    private SearchIndex() {
    }

    /** A page as the index lists it: where it is, its title and its sections. */
    record IndexedPage(String sitePath, String title, List<SearchSections.Section> sections) {
    }

    /** The index files for these pages, in reading order: the manifest first, then term and section shards. */
    static List<Artifact> build(List<IndexedPage> pages) {
        Map<String, Postings[]> terms = new TreeMap<>();
        List<Artifact> docShards = new ArrayList<>();
        List<Object> docFingerprints = new ArrayList<>();
        List<Object> shardPages = new ArrayList<>();
        List<Object> shardSections = new ArrayList<>();
        int id = 0;
        for (IndexedPage page : pages) {
            int pageInShard = -1;
            for (SearchSections.Section section : page.sections()) {
                if (pageInShard < 0) {
                    shardPages.add(List.of(page.sitePath(), page.title()));
                    pageInShard = shardPages.size() - 1;
                }
                shardSections.add(List.of(pageInShard, section.anchor(), section.heading(), section.snippet()));
                add(terms, section.headingTerms(), 0, id);
                add(terms, section.bodyTerms(), 1, id);
                id++;
                if (shardSections.size() == SECTIONS_PER_SHARD) {
                    docShards.add(docShard(docShards.size(), shardPages, shardSections, docFingerprints));
                    shardPages.clear();
                    shardSections.clear();
                    pageInShard = -1;
                }
            }
        }
        if (!shardSections.isEmpty()) {
            docShards.add(docShard(docShards.size(), shardPages, shardSections, docFingerprints));
        }

        List<Artifact> termShards = new ArrayList<>();
        List<Object> termRanges = new ArrayList<>();
        Map<String, Object> shard = new TreeMap<>();
        int chars = 0;
        for (Map.Entry<String, Postings[]> term : terms.entrySet()) {
            String heading = term.getValue()[0].encoded();
            String body = term.getValue()[1].encoded();
            int size = term.getKey().length() + heading.length() + body.length() + 10;
            if (!shard.isEmpty() && chars + size > TERM_SHARD_MAX_CHARS) {
                termShards.add(termShard(shard, termRanges));
                shard.clear();
                chars = 0;
            }
            shard.put(term.getKey(), List.of(heading, body));
            chars += size;
            if (chars >= TERM_SHARD_MIN_CHARS && endsShard(term.getKey())) {
                termShards.add(termShard(shard, termRanges));
                shard.clear();
                chars = 0;
            }
        }
        if (!shard.isEmpty()) {
            termShards.add(termShard(shard, termRanges));
        }

        List<Artifact> files = new ArrayList<>();
        files.add(new Artifact(MANIFEST, script("manifest", JsonLd.object("sections", id,
                "sectionsPerShard", SECTIONS_PER_SHARD, "terms", termRanges, "docs", docFingerprints)), TYPE,
                Artifact.CachePolicy.SHORT));
        files.addAll(termShards);
        files.addAll(docShards);
        return files;
    }

    private static void add(Map<String, Postings[]> terms, List<String> sectionTerms, int field, int section) {
        for (String term : sectionTerms) {
            terms.computeIfAbsent(term, t -> new Postings[] {new Postings(), new Postings()})[field].add(section);
        }
    }

    private static Artifact docShard(int index, List<Object> pages, List<Object> sections, List<Object> fingerprints) {
        byte[] bytes = script("d" + index, JsonLd.object("pages", List.copyOf(pages), "sections", List.copyOf(sections)));
        String fingerprint = fingerprint(bytes);
        fingerprints.add(fingerprint);
        return new Artifact(FOLDER + "d" + index + "." + fingerprint + ".js", bytes, TYPE, Artifact.CachePolicy.IMMUTABLE);
    }

    /** Whether a range may end after this term: a property of the term alone (String.hashCode is specified, so stable). */
    static boolean endsShard(String term) {
        int h = term.hashCode() * 0x9E3779B9;
        return (h >>> 29 & CUT_MASK) == 0;
    }

    private static Artifact termShard(Map<String, Object> terms, List<Object> ranges) {
        String data = JsonLd.write(new TreeMap<>(terms));
        String fingerprint = fingerprint(data.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ("hubSearch.loaded(\"t." + fingerprint + "\"," + data + ");\n").getBytes(StandardCharsets.UTF_8);
        ranges.add(List.of(terms.keySet().iterator().next(), fingerprint));
        return new Artifact(FOLDER + "t." + fingerprint + ".js", bytes, TYPE, Artifact.CachePolicy.IMMUTABLE);
    }

    private static byte[] script(String name, Object data) {
        return ("hubSearch.loaded(\"" + name + "\"," + JsonLd.write(data) + ");\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String fingerprint(byte[] bytes) {
        return Hashing.sha256Hex(bytes).substring(0, 10);
    }

    /** Section numbers, ascending, written as their gaps. */
    static final class Postings {
        private int[] ids = new int[4];
        private int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        /** Each gap less one (the first: the number itself) as base-64 digits, low five bits first. */
        String encoded() {
            StringBuilder out = new StringBuilder(size + 8);
            int previous = -1;
            for (int i = 0; i < size; i++) {
                int value = ids[i] - previous - 1;
                previous = ids[i];
                while (value >= 32) {
                    out.append(DIGITS.charAt(32 | (value & 31)));
                    value >>>= 5;
                }
                out.append(DIGITS.charAt(value));
            }
            return out.toString();
        }
    }
}
