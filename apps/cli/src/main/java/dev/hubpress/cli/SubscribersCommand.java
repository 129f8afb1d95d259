package dev.hubpress.cli;

import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Subscribe;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.model.HubConfig;
import dev.hubpress.core.revision.Revision;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./hub subscribers add|list|remove}: the embedded subscriber directory. Locally there is
 * no inbox and no HTTP endpoint to confirm from, so {@code add} subscribes the address as
 * CONFIRMED straight away (the double opt-in is the serverless endpoint's job); its first digest
 * covers what changes after the current head revision. {@code remove} unsubscribes (the record
 * stays, as it does after a one-click unsubscribe). Each subcommand is an inner class.
 */
@Command(name = "subscribers", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "<command>",
        description = {
                "The email digest's subscribers: add <email> [--weekly] [--sections a,b] [--page slug] | list | remove <email>.",
                "",
                "Locally, add confirms at once: there is no inbox to confirm from (the hosted subscribe "
                        + "form uses double opt-in). ./hub subscribers <command> --help shows its options."},
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:done (or nothing to do)",
                "1:the address is suppressed, is not a subscriber, or is being changed by another process",
                "2:usage error (an address that is not one plain address, too)"})
final class SubscribersCommand {

    private final HubCommand cli;
    private final PrintStream out;
    private final PrintStream err;

    SubscribersCommand(HubCommand cli) {
        this.cli = cli;
        this.out = cli.out;
        this.err = cli.err;
    }

    /** This command with add, list and remove under it. */
    CommandLine commandLine() {
        return new CommandLine(this).addSubcommand(new AddCommand()).addSubcommand(new ListCommand()).addSubcommand(new RemoveCommand());
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Subscribe an address, confirmed at once (locally there is no inbox to confirm from; the "
                    + "hosted subscribe form uses double opt-in). Digests start with the changes after the current "
                    + "head revision.")
    final class AddCommand implements Callable<Integer> {
        @Parameters(paramLabel = "<email>", converter = Converters.Email.class, description = "one plain address: ann@example.com")
        EmailAddress email;

        @Option(names = "--weekly", description = "one merged digest a week (./hub digest --weekly) instead of one per update")
        boolean weekly;

        @Option(names = "--sections", split = ",", paramLabel = "<id>",
                description = "follow only these sections (ids as in hub.yaml, comma-separated): careers,skills")
        List<String> sections = new ArrayList<>();

        @Option(names = "--page", split = ",", paramLabel = "<slug>",
                description = "follow this page (its path without .md: faq, careers/mid-to-senior); repeatable")
        List<String> pages = new ArrayList<>();

        @Mixin
        HubOptions options;

        @Override
        public Integer call() {
            LocalMail mail = options.mail(cli);
            Cadence cadence = weekly ? Cadence.WEEKLY : Cadence.EVERY_UPDATE;
            Optional<Revision> headRevision = mail.head();
            long head = headRevision.map(Revision::seq).orElse(0L);
            Topics topics;
            try {
                topics = topics(mail, headRevision, sections, pages);
            } catch (IllegalArgumentException e) {
                err.println("hub: " + e.getMessage());
                return HubCommand.USAGE;
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                Optional<Subscriber> existing = mail.directory.find(email);
                boolean done;
                if (existing.isEmpty()) {
                    done = mail.directory.create(Subscriber.create(Subscribe.randomId(), email, SubscriberStatus.CONFIRMED, cadence,
                            mail.clock.instant(), head, null).withTopics(topics, mail.clock.instant()));
                } else if (existing.get().status() == SubscriberStatus.SUPPRESSED) {
                    err.println("hub: " + email + " is suppressed (it bounced or complained) and is never mailed again");
                    return HubCommand.FAILED;
                } else if (existing.get().confirmed() && existing.get().cadence() == cadence && existing.get().topics().equals(topics)) {
                    out.println(email + " is already subscribed (" + describe(cadence) + ", " + topics + ").");
                    return HubCommand.OK;
                } else {
                    Subscriber s = existing.get();
                    Subscriber updated = s.withCadence(cadence, mail.clock.instant()).withTopics(topics, mail.clock.instant());
                    if (!s.confirmed()) {
                        updated = updated.withStatus(SubscriberStatus.CONFIRMED, mail.clock.instant())
                                .withLastDelivered(Math.max(s.lastDeliveredSeq(), head), mail.clock.instant());
                    }
                    done = mail.directory.update(updated);
                }
                if (done) {
                    out.println("Subscribed " + email + " (" + describe(cadence) + ", " + topics + "): digests start with the changes after "
                            + (head == 0 ? "the first revision is published" : "r" + head) + ".");
                    return HubCommand.OK;
                }
            }
            err.println("hub: " + email + " is being changed by another process; try again");
            return HubCommand.FAILED;
        }
    }

    /**
     * The topics of --sections and --page, each name checked against the head revision's hub: an
     * unknown one is an error naming it and what there is.
     */
    static Topics topics(LocalMail mail, Optional<Revision> head, List<String> sections, List<String> pages) {
        List<String> sectionIds = sections.stream().map(String::strip).filter(x -> !x.isEmpty()).toList();
        List<String> slugs = pages.stream().map(String::strip).map(x -> x.endsWith(".md") ? x.substring(0, x.length() - 3) : x)
                .filter(x -> !x.isEmpty()).toList();
        if (sectionIds.isEmpty() && slugs.isEmpty()) {
            return Topics.WHOLE_HUB;
        }
        if (head.isEmpty()) {
            throw new IllegalArgumentException("nothing is published yet, so there are no sections or pages to follow; run ./hub publish first");
        }
        Hub hub = mail.hub(head.get());
        List<String> known = hub.config().sections().stream().map(HubConfig.SectionInfo::id).toList();
        for (String id : sectionIds) {
            if (!known.contains(id)) {
                throw new IllegalArgumentException("--sections: unknown section '" + id + "' (the hub's sections: "
                        + String.join(", ", known) + ")");
            }
        }
        for (String slug : slugs) {
            if (hub.page(slug).isEmpty()) {
                throw new IllegalArgumentException("--page: unknown page '" + slug + "' (a page's path without .md, e.g. "
                        + hub.pages().get(hub.pages().size() - 1).slug() + ")");
            }
        }
        return Topics.of(sectionIds, slugs);
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Every subscriber: address, status, cadence, last digest.")
    final class ListCommand implements Callable<Integer> {
        @Mixin
        HubOptions options;

        @Override
        public Integer call() {
            LocalMail mail = options.mail(cli);
            List<Subscriber> all = mail.directory.all().stream()
                    .sorted(java.util.Comparator.comparing((Subscriber s) -> s.email().value())).toList();
            if (all.isEmpty()) {
                out.println("No subscribers. Add one with: ./hub subscribers add you@example.com");
                return HubCommand.OK;
            }
            out.println(String.format(Locale.ROOT, "%-40s %-12s %-12s %-11s %s", "EMAIL", "STATUS", "CADENCE", "LAST DIGEST", "FOLLOWS"));
            for (Subscriber s : all) {
                out.println(String.format(Locale.ROOT, "%-40s %-12s %-12s %-11s %s", s.email(), s.status().name().toLowerCase(Locale.ROOT),
                        s.cadence() == Cadence.WEEKLY ? "weekly" : "every update",
                        s.lastDeliveredSeq() == 0 ? "-" : "r" + s.lastDeliveredSeq(), s.topics()));
            }
            out.println(all.size() + (all.size() == 1 ? " subscriber" : " subscribers") + ", "
                    + all.stream().filter(Subscriber::confirmed).count() + " confirmed.");
            return HubCommand.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Unsubscribe the address (the record stays, as after a one-click unsubscribe).")
    final class RemoveCommand implements Callable<Integer> {
        @Parameters(paramLabel = "<email>", converter = Converters.Email.class, description = "one plain address: ann@example.com")
        EmailAddress email;

        @Mixin
        HubOptions options;

        @Override
        public Integer call() {
            LocalMail mail = options.mail(cli);
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
    }

    static String describe(Cadence cadence) {
        return cadence == Cadence.WEEKLY ? "weekly digest" : "a digest on every update";
    }
}
