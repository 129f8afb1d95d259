package dev.hubpress.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * {@code --out DIR} and {@code --hub ID}, which every command takes, and the clock they run on
 * (SOURCE_DATE_EPOCH): a picocli mixin.
 */
final class HubOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", converter = Converters.Required.class,
            description = "output folder (default: ${DEFAULT-VALUE}): the site goes to DIR/site/, the revision log, "
                    + "content snapshots and subscribers to DIR/state/, digests to DIR/outbox/")
    String out;

    @Option(names = "--hub", paramLabel = "ID", defaultValue = "hub", converter = Converters.HubId.class,
            description = "hub id recorded on revisions (default: ${DEFAULT-VALUE})")
    String hub;

    /**
     * The system clock, or the time SOURCE_DATE_EPOCH says (the reproducible builds convention);
     * a value that is not whole seconds is a usage error of the command.
     */
    Clock clock(Map<String, String> env) {
        String sourceDateEpoch = env.get("SOURCE_DATE_EPOCH");
        if (sourceDateEpoch == null || sourceDateEpoch.isBlank()) {
            return Clock.systemUTC();
        }
        try {
            return Clock.fixed(Instant.ofEpochSecond(Long.parseLong(sourceDateEpoch.strip())), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw new ParameterException(command.commandLine(),
                    "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970: " + sourceDateEpoch);
        }
    }

    /** The email stores of the output folder, on the command's clock. */
    LocalMail mail(HubCommand cli) {
        return new LocalMail(Path.of(out), hub, clock(cli.env), cli.env, m -> cli.err.println("warning: " + m));
    }
}
