package dev.hubpress.core.revision;

/** How a page or a section differs from the parent revision. */
public enum ChangeKind {
    ADDED,
    CHANGED,
    REMOVED
}
