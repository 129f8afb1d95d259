package dev.hubpress.core.revision;

/** How a page or a section differs from the parent revision. */
public enum ChangeKind {
    ADDED("new"),
    CHANGED("updated"),
    REMOVED("removed");

    private final String word;

    ChangeKind(String word) {
        this.word = word;
    }

    /** What a reader is told of a section so changed: "new", "updated", "removed" (the digest and its archive page say the same). */
    public String word() {
        return word;
    }
}
