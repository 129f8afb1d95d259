package dev.hubpress.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

/**
 * What publish and preview share: {@code --content DIR} with {@code --out} and {@code --hub}, and
 * the {@link LocalHub} they make.
 */
abstract class ContentCommand implements Callable<Integer> {

    final HubCommand cli;

    @Option(names = "--content", paramLabel = "DIR", defaultValue = "content", converter = Converters.Required.class,
            description = "content folder (default: ${DEFAULT-VALUE})")
    String content;

    @Mixin
    HubOptions options;

    ContentCommand(HubCommand cli) {
        this.cli = cli;
    }

    @Override
    public final Integer call() {
        Clock clock = options.clock(cli.env);
        if (!Files.isDirectory(Path.of(content))) {
            cli.err.println("hub: no content folder at " + Path.of(content).toAbsolutePath()
                    + " (run ./hub from the repository root, or pass --content DIR)");
            return HubCommand.USAGE;
        }
        return run(new LocalHub(new LocalHub.Options(content, options.out, options.hub), clock,
                cli.out, cli.err, cli.channels.get()));
    }

    /** Runs the command on the hub; returns the exit status. */
    abstract int run(LocalHub hub);
}
