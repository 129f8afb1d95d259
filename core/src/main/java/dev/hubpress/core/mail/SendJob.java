package dev.hubpress.core.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A batch of subscribers due a digest of one head revision, as the planner hands it to a sender
 * through the send queue ({@link FanOutDigests}, {@link SendJobs}). It names the subscribers, not
 * their digests: the sender reads each subscriber again and works out their digest from where they
 * are then, so a job delivered late, twice or after another digest mails nobody anything twice.
 *
 * @param recipients in the order they are sent to; at least one
 */
public record SendJob(String hub, long headSeq, Cadence cadence, List<To> recipients) {

    private static final String MAGIC = "hubpress-send-job/1";

    /** One subscriber of the job: its id and (normalised) address, the directory's key. */
    public record To(String subscriberId, String email) {
        public To {
            if (!plain(subscriberId) || !plain(email)) {
                throw new IllegalArgumentException("a recipient is an id and an address without blanks: " + subscriberId + " " + email);
            }
        }
    }

    public SendJob {
        Objects.requireNonNull(cadence, "cadence");
        recipients = List.copyOf(recipients);
        if (!plain(hub) || headSeq < 1 || recipients.isEmpty()) {
            throw new IllegalArgumentException("a send job names a hub, a revision and at least one recipient");
        }
    }

    /** The job of the recipients from index {@code from} on: what is left when a sender stops early. */
    public SendJob from(int from) {
        return new SendJob(hub, headSeq, cadence, recipients.subList(from, recipients.size()));
    }

    /** The job as a queue message: a header line, then one line per recipient. */
    public String encode() {
        StringBuilder s = new StringBuilder(MAGIC).append('\t').append(hub).append('\t').append(headSeq).append('\t')
                .append(cadence.name()).append('\n');
        recipients.forEach(r -> s.append(r.subscriberId()).append('\t').append(r.email()).append('\n'));
        return s.toString();
    }

    /** @throws IllegalArgumentException when the text is not an encoded job */
    public static SendJob decode(String text) {
        String[] lines = text.split("\n");
        String[] head = lines[0].split("\t", -1);
        if (head.length != 4 || !head[0].equals(MAGIC)) {
            throw new IllegalArgumentException("not a send job: " + lines[0]);
        }
        List<To> recipients = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split("\t", -1);
            if (fields.length != 2) {
                throw new IllegalArgumentException("not a recipient line: " + lines[i]);
            }
            recipients.add(new To(fields[0], fields[1]));
        }
        try {
            return new SendJob(head[1], Long.parseLong(head[2]), Cadence.valueOf(head[3]), recipients);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a send job: " + e.getMessage(), e);
        }
    }

    private static boolean plain(String s) {
        return s != null && !s.isEmpty() && s.chars().noneMatch(c -> c <= 0x20 || c == 0x7f);
    }
}
