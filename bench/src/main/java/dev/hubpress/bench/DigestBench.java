package dev.hubpress.bench;

import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.gate.GateLimits;
import dev.hubpress.core.gate.PublishGate;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.MailComposer;
import dev.hubpress.core.mail.OutgoingEmail;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.PlanDigests;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Tokens;
import dev.hubpress.core.markdown.MarkdownEngine;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.Page;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.port.SendLedger;
import dev.hubpress.core.port.SubscriberDirectory;
import dev.hubpress.core.revision.ChangeKind;
import dev.hubpress.core.revision.ChangeSet;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.PageChange;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.core.revision.RevisionStatus;
import dev.hubpress.core.revision.SectionChange;
import dev.hubpress.digest.DigestEmails;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Digest benchmark ({@code bench/run digest}): plans and renders the digests of one head revision
 * for N confirmed subscribers spread over C cohorts (last delivered r1 … rC, head r(C+1)), on a
 * generated hub, with an in-memory directory paged like the real ones. Each subscriber's email is
 * addressed in full: two tokens (HMAC), subject, HTML and text parts, headers. Reports the warm
 * median time and the peak heap.
 */
final class DigestBench {

    private static final MailRouting ROUTING = MailRouting.of("digest@bench.invalid", "https://bench.invalid/api", null);

    private DigestBench() {
    }

    static void main(String[] args) {
        int subscribers = Stats.intArg(args, "--subscribers", 100_000);
        int cohorts = Stats.intArg(args, "--cohorts", 10);
        int warmup = Stats.intArg(args, "--warmup", 3);
        int runs = Stats.intArg(args, "--runs", 5);
        int pages = Stats.intArg(args, "--pages", 200);

        MarkdownEngine markdown = MarkdownEngine.standard();
        Hub hub = new PublishGate(new ContentReader(markdown), GateLimits.DEFAULT, Channels.discover()).inspect(SyntheticHub.generate(pages)).hub().orElseThrow();
        MemoryLog log = new MemoryLog();
        Random random = new Random(7);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        log.revisions.put(1L, revision(1, start, new ChangeSet(List.of(), List.of())));
        for (int seq = 2; seq <= cohorts + 1; seq++) {
            List<PageChange> changes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Page page = hub.pages().get(1 + random.nextInt(hub.pages().size() - 1));
                List<SectionChange> sections = page.headings().stream().filter(h -> random.nextInt(3) == 0)
                        .map(h -> new SectionChange(h.id(), h.text(), ChangeKind.CHANGED)).toList();
                changes.add(new PageChange(page.slug(), page.title(), ChangeKind.CHANGED, false,
                        sections.isEmpty() ? List.of(new SectionChange("", page.title(), ChangeKind.CHANGED)) : sections));
            }
            log.revisions.put((long) seq, revision(seq, start.plusSeconds(86_400L * seq), new ChangeSet(changes, List.of())));
        }
        Revision head = log.revisions.get((long) cohorts + 1);
        MemoryDirectory directory = new MemoryDirectory(subscribers, cohorts, start);
        Tokens tokens = new Tokens("benchmark secret of thirty-two bytes!!".getBytes(StandardCharsets.US_ASCII),
                Tokens.DEFAULT_CONFIRM_VALIDITY, Clock.fixed(start, ZoneOffset.UTC));
        PlanDigests planner = new PlanDigests("bench", log, directory);
        System.out.printf(Locale.ROOT, "digest: %d subscribers in %d cohorts, hub of %d pages, head %s; %d warm-up runs, %d measured%n",
                subscribers, cohorts, hub.pages().size(), head.id(), warmup, runs);

        for (int i = 0; i < warmup; i++) {
            run(planner, head, new DigestEmails(hub, ROUTING), tokens);
        }
        System.gc();
        HeapSampler sampler = HeapSampler.start();
        double[] ms = new double[runs];
        Result last = null;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            last = run(planner, head, new DigestEmails(hub, ROUTING), tokens);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        long peak = sampler.stop();
        double median = Stats.median(ms);
        System.out.printf(Locale.ROOT, "plan + render: median %.0f ms = %.0f emails/s; %d emails, %d distinct digests rendered, "
                        + "%.1f MB of HTML + text (%.1f KB per email)%n",
                median, last.emails * 1000 / median, last.emails, last.digests, last.bytes / 1e6, last.bytes / 1e3 / last.emails);
        System.out.printf(Locale.ROOT, "heap: peak used %.0f MB (sampled every 2 ms, garbage included), cap -Xmx %d MB; "
                        + "directory pages served %d; java %s on %d cores%n",
                peak / 1e6, Runtime.getRuntime().maxMemory() / (1024 * 1024), directory.pages,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        if (last.emails != subscribers || last.digests != cohorts) {
            throw new IllegalStateException("expected " + subscribers + " emails in " + cohorts + " digests, got "
                    + last.emails + " in " + last.digests);
        }
    }

    private record Result(int emails, int digests, long bytes) {
    }

    private static Result run(PlanDigests planner, Revision head, DigestEmails emails, Tokens tokens) {
        Map<String, MailComposer.ComposedDigest> rendered = new HashMap<>();
        long[] bytes = new long[1];
        int[] count = new int[1];
        planner.plan(head, Cadence.EVERY_UPDATE, job -> {
            MailComposer.ComposedDigest digest = rendered.computeIfAbsent(job.digest().key(), k -> emails.digest(job.digest()));
            Subscriber s = job.subscriber();
            OutgoingEmail email = digest.to(new Recipient(s, tokens.issue(Tokens.Purpose.UNSUBSCRIBE, s.id()),
                    tokens.issue(Tokens.Purpose.MANAGE, s.id()), SendLedger.idempotencyKey(job.digest().key(), s.id())));
            bytes[0] += email.html().length() + email.text().length();
            count[0]++;
        });
        return new Result(count[0], rendered.size(), bytes[0]);
    }

    private static Revision revision(long seq, Instant at, ChangeSet changes) {
        return new Revision("bench", seq, "tree" + seq, seq - 1, at, "", "bench", RevisionStatus.ACCEPTED, List.of(), changes, Map.of());
    }

    /** Subscribers made on the fly page by page, as a database would stream them: never all in memory. */
    private static final class MemoryDirectory implements SubscriberDirectory {
        private final int count;
        private final int cohorts;
        private final Instant created;
        int pages;

        MemoryDirectory(int count, int cohorts, Instant created) {
            this.count = count;
            this.cohorts = cohorts;
            this.created = created;
        }

        private Subscriber subscriber(int n) {
            return Subscriber.create(String.format(Locale.ROOT, "%032x", n), EmailAddress.parse("reader" + n + "@example.com"),
                    SubscriberStatus.CONFIRMED, Cadence.EVERY_UPDATE, created, 1 + (n % cohorts), null);
        }

        @Override
        public Optional<Subscriber> get(String id) {
            int n = Integer.parseInt(id, 16);
            return n < count ? Optional.of(subscriber(n)) : Optional.empty();
        }

        @Override
        public Optional<Subscriber> find(EmailAddress email) {
            return Optional.empty();
        }

        @Override
        public boolean create(Subscriber subscriber) {
            throw new UnsupportedOperationException("read-only benchmark directory");
        }

        @Override
        public boolean update(Subscriber changed) {
            throw new UnsupportedOperationException("read-only benchmark directory");
        }

        @Override
        public Page confirmed(Cadence cadence, String cursor, int limit) {
            pages++;
            int from = cursor == null ? 0 : Integer.parseInt(cursor);
            int to = Math.min(count, from + limit);
            List<Subscriber> items = new ArrayList<>(to - from);
            for (int n = from; n < to; n++) {
                items.add(subscriber(n));
            }
            return new Page(items, to < count ? Integer.toString(to) : null);
        }
    }

    private static final class MemoryLog implements RevisionLog {
        final Map<Long, Revision> revisions = new HashMap<>();

        @Override
        public dev.hubpress.core.revision.History recent(String hub, int accepted) {
            List<Revision> newest = revisions.values().stream().sorted(java.util.Comparator.comparingLong(Revision::seq).reversed()).toList();
            return new dev.hubpress.core.revision.History(newest.stream().findFirst(),
                    newest.stream().filter(Revision::accepted).limit(accepted).toList());
        }

        @Override
        public Optional<Revision> get(String hub, long seq) {
            return Optional.ofNullable(revisions.get(seq));
        }


        @Override
        public boolean claim(Revision revision) {
            return revisions.putIfAbsent(revision.seq(), revision) == null;
        }

        @Override
        public void recordChannel(String hub, long seq, String channel, ChannelStatus status) {
            throw new UnsupportedOperationException();
        }
    }
}
