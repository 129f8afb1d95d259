package dev.hubpress.core.gate;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;
import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The tree as a whole and each file's name, kind and size: checked before anything is read. */
final class TreeRules {

    /** A file or folder name: an ASCII URL segment, short enough for any file system once ".html" is added. */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,99}");

    private TreeRules() {
    }

    /** The files worth reading: supported, well named and within the size limit. */
    static List<ContentFile> check(ContentTree tree, GateLimits limits, List<GateError> errors) {
        if (tree.files().isEmpty()) {
            // One clear error rather than a missing hub.yaml and index.md: this is not a content folder (yet).
            errors.add(new GateError("", 1, "the content folder holds no file: a hub needs at least "
                    + ContentReader.HUB_CONFIG + " and index.md"));
            return List.of();
        }
        if (tree.files().size() > limits.maxFiles()) {
            errors.add(new GateError("", 1, "the content tree has " + tree.files().size()
                    + " files; the limit is " + limits.maxFiles()));
        }
        if (tree.totalBytes() > limits.maxTotalBytes()) {
            errors.add(new GateError("", 1, "the content tree is " + tree.totalBytes()
                    + " bytes; the limit is " + limits.maxTotalBytes()));
        }
        List<ContentFile> readable = new ArrayList<>();
        for (ContentFile file : tree.files()) {
            String path = file.path();
            if (!isSupported(path)) {
                errors.add(new GateError(path, 1, "unsupported file: content holds .md pages, "
                        + ContentReader.HUB_CONFIG + " and data/*.yaml"));
            } else if (!validPath(path)) {
                errors.add(new GateError(path, 1, "file and folder names may use only letters, digits, "
                        + "hyphens and underscores, at most 100 characters each (they become URLs)"));
            } else if (file.size() > limits.maxFileBytes()) {
                errors.add(new GateError(path, 1, "file is " + file.size() + " bytes; the limit is " + limits.maxFileBytes()));
            } else {
                readable.add(file);
            }
        }
        return readable;
    }

    private static boolean isSupported(String path) {
        return path.equals(ContentReader.HUB_CONFIG) || path.endsWith(".md")
                || (path.startsWith("data/") && path.endsWith(".yaml") && path.indexOf('/', 5) < 0);
    }

    private static boolean validPath(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = i == segments.length - 1 ? segments[i].replaceFirst("\\.(md|yaml)$", "") : segments[i];
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
