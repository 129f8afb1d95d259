package dev.hubpress.core.revision;

/** Whether a revision passed the publish gate. Only ACCEPTED revisions are ever published. */
public enum RevisionStatus {
    ACCEPTED,
    REJECTED
}
