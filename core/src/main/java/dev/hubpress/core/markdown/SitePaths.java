package dev.hubpress.core.markdown;

/** Relative URLs between site paths, so the published folder also works opened from disk. */
public final class SitePaths {

    private SitePaths() {
    }

    /**
     * The relative URL from the page at {@code fromPath} (a site path or slug, e.g.
     * {@code careers/mid-to-senior}) to {@code toPath} (e.g. {@code companies/stripe.html}).
     */
    public static String relativize(String fromPath, String toPath) {
        int suffixAt = firstIndexOf(toPath, '#', '?');
        String path = suffixAt < 0 ? toPath : toPath.substring(0, suffixAt);
        String suffix = suffixAt < 0 ? "" : toPath.substring(suffixAt);
        String[] from = fromPath.split("/", -1);
        String[] to = path.split("/", -1);
        // Folders shared by both paths need no climbing: guides/a -> guides/b.html is just b.html.
        int common = 0;
        while (common < from.length - 1 && common < to.length - 1 && from[common].equals(to[common])) {
            common++;
        }
        StringBuilder relative = new StringBuilder("../".repeat(from.length - 1 - common));
        for (int i = common; i < to.length; i++) {
            relative.append(to[i]);
            if (i < to.length - 1) {
                relative.append('/');
            }
        }
        return relative + suffix;
    }

    /**
     * A page's slug from its content path: without .md, lower case, underscores as hyphens, so
     * URLs stay predictable. Links to a page resolve through the same mapping.
     */
    public static String slugOf(String path) {
        String withoutExtension = path.endsWith(".md") ? path.substring(0, path.length() - ".md".length()) : path;
        return withoutExtension.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    private static int firstIndexOf(String s, char a, char b) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == a || s.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
