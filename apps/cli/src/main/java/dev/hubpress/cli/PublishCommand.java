package dev.hubpress.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./hub publish}: one publish of the content as it is now. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {
                "Check the content, record a revision and publish what changed.",
                "",
                "The site goes to DIR/site/ (--out), the revision log and the content snapshots to "
                        + "DIR/state/. Every problem in the content is printed as path:line: message, "
                        + "and then nothing is published."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:published (or nothing to publish)",
                "1:content rejected or a channel failed",
                "2:usage error"},
        footerHeading = "%nEnvironment:%n",
        footer = HubCommand.SOURCE_DATE_EPOCH_HELP)
final class PublishCommand extends ContentCommand {

    @Option(names = "--rebuild", description = "re-render the latest accepted revision even if nothing changed")
    boolean rebuild;

    PublishCommand(HubCommand cli) {
        super(cli);
    }

    @Override
    int run(LocalHub hub) {
        return hub.publish(rebuild, true);
    }
}
