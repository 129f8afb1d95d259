package dev.hubpress.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.ConfirmationBudget;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * Confirmation budgets as one small JSON file per counter, {@code <folder>/<sha-256 of the
 * counter, 32 hex>.json} holding what was spent and until when it counts. Spending reads, checks
 * and rewrites the file under the folder's lock ({@link PrivateFolder}: between processes and
 * threads), so a limit holds however many callers race. Counters whose {@code until} has passed
 * are deleted the next time anything is spent. Owner-only, like the subscribers.
 */
public final class FileConfirmationBudget implements ConfirmationBudget {

    private final PrivateFolder folder;
    private final Clock clock;
    private final ObjectMapper json = JsonLinesRevisionLog.mapper();

    public FileConfirmationBudget(Path folder, Clock clock) {
        this.folder = new PrivateFolder(folder, "confirmation budgets");
        this.clock = clock;
    }

    /** The stored form of one counter. */
    record Stored(String counter, int spent, Instant until) {
    }

    @Override
    public boolean spend(String counter, int limit, Instant until) {
        return folder.locked(() -> {
            forgetPast();
            Path file = file(counter);
            int spent = read(file).map(Stored::spent).orElse(0);
            if (spent >= limit) {
                return false;
            }
            AtomicFiles.writePrivate(file, json.writeValueAsBytes(new Stored(counter, spent + 1, until)));
            return true;
        });
    }

    private void forgetPast() throws IOException {
        Instant now = clock.instant();
        for (Path file : files()) {
            if (read(file).filter(s -> s.until() != null && !now.isBefore(s.until())).isPresent()) {
                Files.deleteIfExists(file);
            }
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> list = Files.list(folder.path())) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private Path file(String counter) {
        return folder.path().resolve(Hashing.sha256Hex(counter.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".json");
    }

    private java.util.Optional<Stored> read(Path file) {
        try {
            return java.util.Optional.of(json.readValue(Files.readAllBytes(file), Stored.class));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read confirmation budget " + file + ": " + e.getMessage(), e);
        }
    }
}
