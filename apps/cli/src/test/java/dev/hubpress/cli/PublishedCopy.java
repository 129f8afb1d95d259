package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;
import dev.hubpress.core.testing.ContentFixtures;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * A copy of the repository's content and an output folder beside it, published in-process as
 * {@code ./hub publish --content … --out …} publishes them, at a given time ({@code SOURCE_DATE_EPOCH}).
 */
final class PublishedCopy {

    final Path content;
    final Path out;
    final Path site;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    PublishedCopy(Path folder) throws IOException {
        content = ContentFixtures.copyRepositoryContent(folder.resolve("content"));
        out = folder.resolve("out");
        site = out.resolve("site");
    }

    /** Publishes the content as it is now, stamped with this time; returns the exit status. */
    int publish(Instant at) {
        printed.reset();
        PrintStream print = new PrintStream(printed, true, StandardCharsets.UTF_8);
        return new HubCommand(print, print, Map.of("SOURCE_DATE_EPOCH", Long.toString(at.getEpochSecond())), Channels::discover)
                .run("publish", "--content", content.toString(), "--out", out.toString());
    }

    /** What the last publish printed, its output and its errors as they came. */
    String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
