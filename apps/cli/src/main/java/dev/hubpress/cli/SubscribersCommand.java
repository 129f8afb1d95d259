package dev.hubpress.cli;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Subscribe;
import dev.hubpress.core.revision.Revision;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./hub subscribers add|list|remove}: the embedded subscriber directory. Locally there is
 * no inbox and no HTTP endpoint to confirm from, so {@code add} subscribes the address as
 * CONFIRMED straight away (the double opt-in is the serverless endpoint's job); its first digest
 * covers what changes after the current head revision. {@code remove} unsubscribes (the record
 * stays, as it does after a one-click unsubscribe).
 */
final class SubscribersCommand {

    static final String USAGE = """
            Usage: ./hub subscribers add <email> [--weekly] | list | remove <email> [--out DIR] [--hub ID]

              add <email>     subscribe an address, confirmed at once (locally there is no inbox to
                              confirm from; the hosted subscribe form uses double opt-in). Digests
                              start with the changes after the current head revision.
                --weekly      one merged digest a week (./hub digest --weekly) instead of one per update
              list            every subscriber: address, status, cadence, last digest
              remove <email>  unsubscribe the address
            """;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    SubscribersCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    int run(String[] args) {
        MailOptions options;
        Clock clock;
        try {
            options = MailOptions.parse(args, 1);
            clock = HubCommand.clock(env.get("SOURCE_DATE_EPOCH"));
        } catch (HubCommand.UsageException e) {
            return usage(e.getMessage());
        }
        if (options.help()) {
            out.print(USAGE);
            return HubCommand.OK;
        }
        List<String> words = options.words();
        if (words.isEmpty()) {
            return usage("subscribers needs add, list or remove");
        }
        String action = words.get(0);
        int expected = action.equals("list") ? 1 : 2;
        if (!List.of("add", "list", "remove").contains(action)) {
            return usage("unknown subscribers command '" + action + "'");
        }
        if (words.size() != expected) {
            return usage(action.equals("list") ? "list takes no address" : action + " takes one email address");
        }
        if (options.weekly() && !action.equals("add")) {
            return usage("--weekly is an option of add only");
        }
        LocalMail mail = new LocalMail(Path.of(options.out()), options.hub(), clock, env, m -> err.println("warning: " + m));
        return switch (action) {
            case "add" -> add(mail, words.get(1), options.weekly() ? Cadence.WEEKLY : Cadence.EVERY_UPDATE);
            case "remove" -> remove(mail, words.get(1));
            default -> list(mail);
        };
    }

    private int add(LocalMail mail, String address, Cadence cadence) {
        EmailAddress email;
        try {
            email = EmailAddress.parse(address);
        } catch (IllegalArgumentException e) {
            err.println("hub: '" + address + "' is not a valid email address (one plain address, no name or <>)");
            return HubCommand.USAGE;
        }
        long head = mail.head().map(Revision::seq).orElse(0L);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> existing = mail.directory.find(email);
            boolean done;
            if (existing.isEmpty()) {
                done = mail.directory.create(Subscriber.create(Subscribe.randomId(), email, SubscriberStatus.CONFIRMED, cadence,
                        mail.clock.instant(), head, null));
            } else if (existing.get().status() == SubscriberStatus.SUPPRESSED) {
                err.println("hub: " + email + " is suppressed (it bounced or complained) and is never mailed again");
                return HubCommand.FAILED;
            } else if (existing.get().confirmed() && existing.get().cadence() == cadence) {
                out.println(email + " is already subscribed (" + describe(cadence) + ").");
                return HubCommand.OK;
            } else {
                Subscriber s = existing.get();
                Subscriber updated = s.withCadence(cadence, mail.clock.instant());
                if (!s.confirmed()) {
                    updated = updated.withStatus(SubscriberStatus.CONFIRMED, mail.clock.instant())
                            .withLastDelivered(Math.max(s.lastDeliveredSeq(), head), mail.clock.instant());
                }
                done = mail.directory.update(updated);
            }
            if (done) {
                out.println("Subscribed " + email + " (" + describe(cadence) + "): digests start with the changes after "
                        + (head == 0 ? "the first revision is published" : "r" + head) + ".");
                return HubCommand.OK;
            }
        }
        err.println("hub: " + email + " is being changed by another process; try again");
        return HubCommand.FAILED;
    }

    private int remove(LocalMail mail, String address) {
        if (!EmailAddress.isValid(address)) {
            err.println("hub: '" + address + "' is not a valid email address");
            return HubCommand.USAGE;
        }
        EmailAddress email = EmailAddress.parse(address);
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Subscriber> existing = mail.directory.find(email);
            if (existing.isEmpty()) {
                err.println("hub: " + email + " is not a subscriber");
                return HubCommand.FAILED;
            }
            Subscriber s = existing.get();
            if (s.status() == SubscriberStatus.UNSUBSCRIBED || s.status() == SubscriberStatus.SUPPRESSED) {
                out.println(email + " is not subscribed (" + s.status().name().toLowerCase(Locale.ROOT) + ").");
                return HubCommand.OK;
            }
            if (mail.directory.update(s.withStatus(SubscriberStatus.UNSUBSCRIBED, mail.clock.instant()))) {
                out.println("Unsubscribed " + email + ".");
                return HubCommand.OK;
            }
        }
        err.println("hub: " + email + " is being changed by another process; try again");
        return HubCommand.FAILED;
    }

    private int list(LocalMail mail) {
        List<Subscriber> all = mail.directory.all().stream()
                .sorted(java.util.Comparator.comparing((Subscriber s) -> s.email().value())).toList();
        if (all.isEmpty()) {
            out.println("No subscribers. Add one with: ./hub subscribers add you@example.com");
            return HubCommand.OK;
        }
        out.println(String.format(Locale.ROOT, "%-40s %-12s %-12s %s", "EMAIL", "STATUS", "CADENCE", "LAST DIGEST"));
        for (Subscriber s : all) {
            out.println(String.format(Locale.ROOT, "%-40s %-12s %-12s %s", s.email(), s.status().name().toLowerCase(Locale.ROOT),
                    s.cadence() == Cadence.WEEKLY ? "weekly" : "every update",
                    s.lastDeliveredSeq() == 0 ? "-" : "r" + s.lastDeliveredSeq()));
        }
        out.println(all.size() + (all.size() == 1 ? " subscriber" : " subscribers") + ", "
                + all.stream().filter(Subscriber::confirmed).count() + " confirmed.");
        return HubCommand.OK;
    }

    static String describe(Cadence cadence) {
        return cadence == Cadence.WEEKLY ? "weekly digest" : "a digest on every update";
    }

    private int usage(String message) {
        err.println("hub: " + message);
        err.println();
        err.print(USAGE);
        return HubCommand.USAGE;
    }
}
