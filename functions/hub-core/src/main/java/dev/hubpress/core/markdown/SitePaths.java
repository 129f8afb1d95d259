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
        int depth = (int) fromPath.chars().filter(c -> c == '/').count();
        return "../".repeat(depth) + toPath;
    }
}
