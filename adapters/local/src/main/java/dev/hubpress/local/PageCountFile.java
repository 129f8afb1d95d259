package dev.hubpress.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * How many pages the last accepted revision published into an output folder, in
 * {@code state/page-count}: one line, the number. The launcher ({@code ./hub}) reads it with the
 * shell's own {@code read}, before any JVM starts, to size the heap of a large hub's next publish;
 * counting the content's files there would cost a program or two on every start.
 */
public final class PageCountFile {

    /** Where it is kept, under the output folder. */
    public static final String PATH = "state/page-count";

    private PageCountFile() {
    }

    /**
     * Keeps the count, unless the file already holds it. A count that cannot be written is only a
     * hint lost: the launcher then sizes the heap as for a hub it knows nothing of.
     */
    public static void keep(Path out, int pages) {
        Path file = out.resolve(PATH);
        if (read(out).equals(OptionalInt.of(pages))) {
            return;
        }
        try {
            AtomicFiles.write(file, (pages + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (RuntimeException e) {
            // a hint, never a reason to fail a publish that succeeded
        }
    }

    /** The count kept, or empty when there is none or it does not read as one. */
    public static OptionalInt read(Path out) {
        try {
            String text = Files.readString(out.resolve(PATH), StandardCharsets.US_ASCII).strip();
            return text.matches("[0-9]{1,9}") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }
}
