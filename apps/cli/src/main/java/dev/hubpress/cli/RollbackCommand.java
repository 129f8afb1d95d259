package dev.hubpress.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code ./hub rollback rN}: every channel back to revision N at once, as a new revision whose tree
 * is rN's (the log stays append-only), with no digest for it.
 */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {
                "Publish the site, feeds and guide as they were at revision N: a new revision, whose tree is rN's "
                        + "and whose changelog entry says it restores rN. No digest is sent for it.",
                "",
                "The content folder is not changed: the next ./hub publish publishes it as it is (put it back as it "
                        + "was at rN to keep the rollback)."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:rolled back and published",
                "1:a channel failed (run ./hub rollback again to retry it)",
                "2:usage error",
                "3:no such revision",
                "4:that revision was rejected by the gate: nothing of it was published",
                "5:the hub has that revision's content already: nothing to roll back"},
        footerHeading = "%nEnvironment:%n",
        footer = HubCommand.SOURCE_DATE_EPOCH_HELP)
final class RollbackCommand implements Callable<Integer> {

    private final HubCommand cli;

    @Parameters(index = "0", paramLabel = "REVISION", converter = Converters.RevisionNumber.class,
            description = "the revision to go back to: rN or N (the changelog lists them)")
    long revision;

    @Mixin
    HubOptions options;

    RollbackCommand(HubCommand cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        // The content folder is never read: the restored tree is the revision's snapshot.
        return new LocalHub(new LocalHub.Options("content", options.out, options.hub), options.clock(cli.env),
                cli.out, cli.err, cli.channels.get()).rollback(revision);
    }
}
