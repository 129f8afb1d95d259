package dev.hubpress.site;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How text becomes search terms, the same way in the index and in the reader's browser
 * ({@code assets/search.js} applies these rules to a query): compatibility-decomposed, accents
 * dropped ("résumé" is "resume"), lower-cased, cut at anything that is not a letter or a digit;
 * terms of one character and a few English function words are left out, as no one searches for
 * them and every section has them.
 */
final class SearchTerms {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern TERM = Pattern.compile("[\\p{L}\\p{N}]+");
    /** The script's list is the same: a query term on it matches nothing, so it is dropped from the query too. */
    static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "for", "from",
            "in", "is", "it", "of", "on", "or", "that", "the", "this", "to", "was", "with");

    private SearchTerms() {
    }

    /** The distinct terms of a text, in sorted order. */
    static Set<String> of(String text) {
        Set<String> terms = new TreeSet<>();
        Matcher m = TERM.matcher(fold(text));
        while (m.find()) {
            String term = m.group();
            if (term.length() > 1 && !STOP_WORDS.contains(term)) {
                terms.add(term);
            }
        }
        return terms;
    }

    private static String fold(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
