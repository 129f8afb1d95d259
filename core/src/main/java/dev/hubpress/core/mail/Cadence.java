package dev.hubpress.core.mail;

/** How often a subscriber wants digests: one per accepted revision, or one merged digest a week. */
public enum Cadence {
    EVERY_UPDATE,
    WEEKLY
}
