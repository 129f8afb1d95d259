package dev.hubpress.site;

import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.work.Parallel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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
        // Terms gathered in a hash map and sorted once: a sorted map paid a search per occurrence.
        Map<String, Postings[]> terms = new HashMap<>();
        List<DocShard> docShards = new ArrayList<>();
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
                    docShards.add(new DocShard(docShards.size(), List.copyOf(shardPages), List.copyOf(shardSections)));
                    shardPages.clear();
                    shardSections.clear();
                    pageInShard = -1;
                }
            }
        }
        if (!shardSections.isEmpty()) {
            docShards.add(new DocShard(docShards.size(), List.copyOf(shardPages), List.copyOf(shardSections)));
        }

        // The ranges are cut in term order; each shard's JSON and fingerprint are then made on every core.
        List<String> sorted = new ArrayList<>(terms.keySet());
        Collections.sort(sorted);
        List<Map<String, Object>> ranges = new ArrayList<>();
        Map<String, Object> shard = new TreeMap<>();
        int chars = 0;
        for (String term : sorted) {
            Postings[] postings = terms.get(term);
            String heading = postings[0].encoded();
            String body = postings[1].encoded();
            int size = term.length() + heading.length() + body.length() + 10;
            if (!shard.isEmpty() && chars + size > TERM_SHARD_MAX_CHARS) {
                ranges.add(shard);
                shard = new TreeMap<>();
                chars = 0;
            }
            shard.put(term, List.of(heading, body));
            chars += size;
            if (chars >= TERM_SHARD_MIN_CHARS && endsShard(term)) {
                ranges.add(shard);
                shard = new TreeMap<>();
                chars = 0;
            }
        }
        if (!shard.isEmpty()) {
            ranges.add(shard);
        }
        List<Shard> termShards = Parallel.map(ranges, SearchIndex::termShard);
        List<Shard> docs = Parallel.map(docShards, DocShard::file);

        List<Object> termRanges = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            termRanges.add(List.of(ranges.get(i).keySet().iterator().next(), termShards.get(i).fingerprint()));
        }
        List<Artifact> files = new ArrayList<>();
        files.add(new Artifact(MANIFEST, script("manifest", JsonLd.object("sections", id,
                "sectionsPerShard", SECTIONS_PER_SHARD, "terms", termRanges,
                "docs", docs.stream().map(Shard::fingerprint).toList())), TYPE, Artifact.CachePolicy.SHORT));
        termShards.forEach(t -> files.add(t.file()));
        docs.forEach(d -> files.add(d.file()));
        return files;
    }

    /** A shard's file and the fingerprint its name carries. */
    private record Shard(Artifact file, String fingerprint) {
    }

    /** A section shard's content, in reading order; its file is made apart from the others. */
    private record DocShard(int index, List<Object> pages, List<Object> sections) {
        Shard file() {
            byte[] bytes = script("d" + index, JsonLd.object("pages", pages, "sections", sections));
            String fingerprint = fingerprint(bytes);
            return new Shard(new Artifact(FOLDER + "d" + index + "." + fingerprint + ".js", bytes, TYPE,
                    Artifact.CachePolicy.IMMUTABLE), fingerprint);
        }
    }

    private static void add(Map<String, Postings[]> terms, List<String> sectionTerms, int field, int section) {
        for (String term : sectionTerms) {
            terms.computeIfAbsent(term, t -> new Postings[] {new Postings(), new Postings()})[field].add(section);
        }
    }

    /** Whether a range may end after this term: a property of the term alone (String.hashCode is specified, so stable). */
    static boolean endsShard(String term) {
        int h = term.hashCode() * 0x9E3779B9;
        return (h >>> 29 & CUT_MASK) == 0;
    }

    private static Shard termShard(Map<String, Object> terms) {
        String data = JsonLd.write(terms);
        String fingerprint = fingerprint(data.getBytes(StandardCharsets.UTF_8));
        byte[] bytes = ("hubSearch.loaded(\"t." + fingerprint + "\"," + data + ");\n").getBytes(StandardCharsets.UTF_8);
        return new Shard(new Artifact(FOLDER + "t." + fingerprint + ".js", bytes, TYPE, Artifact.CachePolicy.IMMUTABLE), fingerprint);
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
