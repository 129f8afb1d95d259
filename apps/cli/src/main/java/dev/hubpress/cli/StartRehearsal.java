package dev.hubpress.cli;

import dev.hubpress.core.channel.Channels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run the launcher records its class-data archive from: a first publish of the content, then a
 * publish of a one-sentence edit of it, in one JVM. A first publish alone never reads a revision
 * back, compares two revisions or takes anything from the render cache, so an edit (what ./hub
 * publish mostly does) loaded some 340 classes from the jar that the archive did not hold and spun
 * some 300 method-handle forms. Works on a copy: {@code <scratch>/content}, published into
 * {@code <scratch>/out}. Not a command of ./hub; its output is the launcher's to drop.
 */
public final class StartRehearsal {

    private StartRehearsal() {
    }

    /** {@code StartRehearsal CONTENT SCRATCH}; exits 0 whatever the publishes decide (rejected content loads the same classes). */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: StartRehearsal CONTENT SCRATCH");
            System.exit(HubCommand.USAGE);
        }
        Path content = Path.of(args[1]).resolve("content");
        String out = Path.of(args[1]).resolve("out").toString();
        copy(Path.of(args[0]), content);
        publish(content, out);
        edit(content);
        publish(content, out);
        System.exit(HubCommand.OK);
    }

    private static void publish(Path content, String out) {
        new HubCommand(System.out, System.err, System.getenv(), Channels::discover).run("publish", "--content", content.toString(), "--out", out);
    }

    /** Adds a sentence to the first page in path order below a folder (an index page changes more than an edit does). */
    static void edit(Path content) {
        try (Stream<Path> files = Files.walk(content)) {
            List<Path> pages = files.filter(p -> p.toString().endsWith(".md") && !p.getFileName().toString().equals("index.md")
                    && !p.getParent().equals(content)).sorted().toList();
            if (!pages.isEmpty()) {
                Files.writeString(pages.get(0), "\nOne more sentence, for the rehearsal.\n", StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(file)) {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
