package dev.hubpress.cli;

import dev.hubpress.local.FolderArtifactStore;
import dev.hubpress.local.LocalWorkspace;
import dev.hubpress.core.mail.Backoff;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.Digest;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.EmailRefused;
import dev.hubpress.core.mail.PlanDigests;
import dev.hubpress.core.mail.MailRouting;
import dev.hubpress.core.mail.Recipient;
import dev.hubpress.core.mail.SendDigests;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.model.Hub;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.revision.Revision;
import dev.hubpress.digest.DigestEmails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code ./hub digest [--weekly]}: plans and sends the digests due for the head accepted revision
 * into the outbox ({@code out/outbox/<digest>.<subscriber>.eml}, one per recipient), through the
 * same use cases and ledger as the serverless sender, so running it twice mails nobody twice. It
 * also writes the head revision's every-update digest as a page for editors,
 * {@code out/site/digest/latest.html}: the email HTML is valid HTML5, so it sits in the site like
 * any page (marked noindex; links to manage and unsubscribe go nowhere useful in a preview).
 */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {
                "Email what changed in the latest revision to each subscriber: one .eml per recipient in "
                        + "DIR/outbox/, a preview in DIR/site/digest/latest.html.",
                "",
                "Sends the digests due for the latest published revision (what changed since each "
                        + "subscriber's last digest; nothing when nothing changed). Running it again mails "
                        + "nobody twice."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:sent (or nothing to send)",
                "1:nothing published yet, a message could not be sent, or the email gate refused a digest",
                "2:usage error"},
        footerHeading = "%nEnvironment:%n",
        footer = {HubCommand.SOURCE_DATE_EPOCH_HELP, HubCommand.HUB_TOKEN_SECRET_HELP, HubCommand.HUB_MAIL_HELP})
final class DigestCommand implements Callable<Integer> {

    static final String PREVIEW_KEY = "digest/latest.html";

    private final HubCommand cli;
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--weekly", description = "the weekly run: weekly subscribers get everything since their last "
            + "digest (without it, every-update subscribers are served)")
    boolean weekly;

    @Mixin
    HubOptions options;

    DigestCommand(HubCommand cli) {
        this.cli = cli;
        this.out = cli.out;
        this.err = cli.err;
    }

    @Override
    public Integer call() {
        return send(options.mail(cli), weekly ? Cadence.WEEKLY : Cadence.EVERY_UPDATE);
    }

    private int send(LocalMail mail, Cadence cadence) {
        Optional<Revision> found = mail.head();
        if (found.isEmpty()) {
            err.println("hub: no revision's site is published yet in " + mail.out.toAbsolutePath() + "; run ./hub publish first");
            return HubCommand.FAILED;
        }
        Revision head = found.get();
        MailRouting routing = mail.routing();
        Hub hub = mail.hub(head);
        DigestEmails emails = new DigestEmails(hub, routing);
        PlanDigests planner = new PlanDigests(mail.hubId, mail.log, mail.directory);
        SendDigests sender = new SendDigests(planner, mail.ledger, mail.directory, mail.outbox, emails, mail.tokens(),
                Backoff.standard(), mail.clock);
        SendDigests.Report report;
        try {
            report = sender.run(head, cadence);
        } catch (EmailRefused refused) {
            // The gate blocks as the content gate does: nothing sent or recorded, one line saying which rule.
            err.println("hub: " + refused.getMessage() + "; nothing was sent or recorded");
            return HubCommand.FAILED;
        }
        PlanDigests.Summary plan = report.plan();
        out.println("Digest of " + head.id() + " (" + (cadence == Cadence.WEEKLY ? "weekly" : "every update") + "): "
                + plan.subscribers() + " confirmed " + (plan.subscribers() == 1 ? "subscriber" : "subscribers") + ", "
                + report.sent() + " sent, " + plan.upToDate() + " up to date, " + plan.nothingNew() + " with nothing new"
                + (report.skipped() > 0 ? ", " + report.skipped() + " already handled by another run" : "")
                + (report.failedTransient() + report.failedPermanent() > 0
                        ? ", " + (report.failedTransient() + report.failedPermanent()) + " failed" : "")
                + "; " + plan.digests() + (plan.digests() == 1 ? " distinct digest." : " distinct digests."));
        if (report.sent() > 0) {
            out.println("Outbox: " + mail.outbox.folder());
        }
        try {
            writePreview(mail, planner, emails, head);
        } catch (EmailRefused refused) {
            err.println("hub: " + refused.getMessage() + "; no preview was written");
            return HubCommand.FAILED;
        }
        return report.failedTransient() + report.failedPermanent() > 0 ? HubCommand.FAILED : HubCommand.OK;
    }

    private void writePreview(LocalMail mail, PlanDigests planner, DigestEmails emails, Revision head) {
        // The publish's record of the site's files: the preview is one of them.
        FolderArtifactStore site = new FolderArtifactStore(mail.out.resolve("site"), mail.out.resolve(LocalWorkspace.SITE_FILES));
        try {
            writePreview(site, planner, emails, head);
        } finally {
            site.settle();
        }
    }

    private void writePreview(FolderArtifactStore site, PlanDigests planner, DigestEmails emails, Revision head) {
        Digest digest = planner.digest(head, head.parent());
        if (digest.isEmpty()) {
            site.delete(PREVIEW_KEY);
            out.println("Preview: " + head.id() + (head.isRollback() ? " restores r" + head.restores() + ": no digest is sent for a rollback."
                    : " changed no page, so there is no digest to preview."));
            return;
        }
        Subscriber reader = Subscriber.create("preview", EmailAddress.parse("subscriber@example.com"), SubscriberStatus.CONFIRMED,
                Cadence.EVERY_UPDATE, head.createdAt(), head.parent(), null);
        String html = emails.digest(digest).to(new Recipient(reader, "preview", "preview", "preview")).html()
                .replaceFirst("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\">\n<meta name=\"robots\" content=\"noindex\">");
        site.put(Artifact.text(PREVIEW_KEY, html, "text/html; charset=utf-8", Artifact.CachePolicy.SHORT));
        out.println("Preview: " + site.root().resolve(PREVIEW_KEY).toUri());
    }
}
