package dev.hubpress.core.revision;

import dev.hubpress.core.content.GateError;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One revision of a hub: the whole content tree at one moment.
 *
 * @param seq       sequence number per hub, from 1, without gaps
 * @param treeHash  hash of the content tree ({@link dev.hubpress.core.content.ContentTree#hash()})
 * @param parent    sequence number of the previous accepted revision; 0 for none
 * @param manifest  content address of the snapshot manifest (path to blob hash)
 * @param trigger   what caused it, e.g. "local publish" or the S3 keys and sequencer
 * @param errors    gate errors of a REJECTED revision
 * @param changes   change set against the parent of an ACCEPTED revision
 * @param channels  status per channel name, filled in as channels publish
 */
public record Revision(
        String hub,
        long seq,
        String treeHash,
        long parent,
        Instant createdAt,
        String manifest,
        String trigger,
        RevisionStatus status,
        List<GateError> errors,
        ChangeSet changes,
        Map<String, ChannelStatus> channels) {

    public Revision {
        errors = List.copyOf(errors);
        channels = java.util.Collections.unmodifiableMap(new TreeMap<>(channels));
    }

    public boolean accepted() {
        return status == RevisionStatus.ACCEPTED;
    }

    /** For a rollback, the revision whose tree this one's is ({@link ChangeSet#restores()}); 0 otherwise. */
    public long restores() {
        return changes.restores();
    }

    /** Whether this revision is a rollback: it restores an earlier revision's tree. */
    public boolean isRollback() {
        return changes.isRollback();
    }

    /** The number a person names a revision by, {@code r42} or {@code 42}; empty for anything else (0 and signs included). */
    public static java.util.OptionalLong seqOf(String id) {
        java.util.regex.Matcher matcher = ID.matcher(id.strip());
        return matcher.matches() ? java.util.OptionalLong.of(Long.parseLong(matcher.group(1))) : java.util.OptionalLong.empty();
    }

    private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[rR]?([1-9][0-9]{0,17})");

    /** Short id for people and artifacts: {@code r42}. */
    public String id() {
        return "r" + seq;
    }

    public Revision withChannel(String channel, ChannelStatus status) {
        Map<String, ChannelStatus> updated = new TreeMap<>(channels);
        updated.put(channel, status);
        return new Revision(hub, seq, treeHash, parent, createdAt, manifest, trigger, this.status, errors, changes, updated);
    }
}
