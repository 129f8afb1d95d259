package dev.hubpress.core.content;

import java.util.Comparator;

/**
 * One reason a revision cannot be published, located in the content tree.
 *
 * @param path content path, e.g. {@code careers/mid-to-senior.md}; empty for the tree as a whole
 * @param line 1-based line the problem is on (1 when it concerns the whole file)
 */
public record GateError(String path, int line, String message) {

    public static final Comparator<GateError> ORDER =
            Comparator.comparing(GateError::path).thenComparingInt(GateError::line).thenComparing(GateError::message);

    /** {@code path:line: message}, the form editors and their tools jump to. */
    @Override
    public String toString() {
        return (path.isEmpty() ? "(content)" : path) + ":" + line + ": " + message;
    }

    /** The same error with the path under a folder, for printing relative to the working directory. */
    public String describe(String contentRoot) {
        String prefix = contentRoot.isEmpty() || contentRoot.endsWith("/") ? contentRoot : contentRoot + "/";
        return (path.isEmpty() ? contentRoot : prefix + path) + ":" + line + ": " + message;
    }
}
