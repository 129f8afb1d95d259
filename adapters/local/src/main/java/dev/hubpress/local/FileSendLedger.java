package dev.hubpress.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.port.SendLedger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The send ledger as one small JSON file per (digest, subscriber):
 * {@code <folder>/<digest key>/<subscriber id>.json}. {@link #reserve} creates the file with
 * CREATE_NEW, which the filesystem grants to exactly one caller, whatever the process or thread;
 * the marks replace it atomically. A file left empty or half written by a crash still counts as
 * reserved.
 */
public final class FileSendLedger implements SendLedger {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Path folder;
    private final ObjectMapper json = JsonLinesRevisionLog.mapper();

    public FileSendLedger(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    record Stored(String digestKey, String subscriberId, State state, String detail) {
    }

    @Override
    public boolean reserve(String digestKey, String subscriberId) {
        Path file = file(digestKey, subscriberId);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, json.writeValueAsBytes(new Stored(digestKey, subscriberId, State.RESERVED, "")),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void markSent(String digestKey, String subscriberId, String providerMessageId) {
        mark(digestKey, subscriberId, State.SENT, providerMessageId);
    }

    @Override
    public void markFailed(String digestKey, String subscriberId, Failure failure, String reason) {
        mark(digestKey, subscriberId, failure == Failure.PERMANENT ? State.FAILED_PERMANENT : State.FAILED_TRANSIENT, reason);
    }

    @Override
    public Optional<Entry> get(String digestKey, String subscriberId) {
        Path file = file(digestKey, subscriberId);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Stored stored = json.readValue(bytes, Stored.class);
            return Optional.of(new Entry(digestKey, subscriberId, stored.state(), stored.detail() == null ? "" : stored.detail()));
        } catch (IOException e) {
            // cut short by a crash right after the reservation was created
            return Optional.of(new Entry(digestKey, subscriberId, State.RESERVED, ""));
        }
    }

    private void mark(String digestKey, String subscriberId, State state, String detail) {
        Path file = file(digestKey, subscriberId);
        if (!Files.exists(file)) {
            throw new IllegalStateException("marking a send that was never reserved: " + file);
        }
        try {
            AtomicFiles.write(file, json.writeValueAsBytes(new Stored(digestKey, subscriberId, state, detail)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(String digestKey, String subscriberId) {
        if (!SAFE.matcher(digestKey).matches() || !SAFE.matcher(subscriberId).matches()
                || digestKey.contains("..") || subscriberId.contains("..")) {
            throw new IllegalArgumentException("unsafe ledger key: " + digestKey + " / " + subscriberId);
        }
        return folder.resolve(digestKey).resolve(subscriberId + ".json");
    }
}
