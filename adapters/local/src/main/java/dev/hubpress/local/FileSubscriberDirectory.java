package dev.hubpress.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.mail.Cadence;
import dev.hubpress.core.mail.EmailAddress;
import dev.hubpress.core.mail.Subscriber;
import dev.hubpress.core.mail.SubscriberStatus;
import dev.hubpress.core.mail.Topics;
import dev.hubpress.core.port.SubscriberDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Subscribers as one JSON file each, {@code <folder>/<sha-256 of the mailbox, 32 hex>.json}: the
 * file name is keyed by the mailbox ({@link EmailAddress#canonical()}, as the DynamoDB item is), so
 * one mailbox is one subscriber however its address is spelt. The folder and the files are the
 * owner's only (0700, 0600): they hold the subscribers' addresses. Writes (create, update) hold the
 * folder's lock ({@link PrivateFolder}) while they check the condition and replace the file
 * atomically; reads need no lock, as a file is only ever replaced whole.
 * Lookups by id and the confirmed pages scan the folder: fine for the handful of addresses a
 * local run has.
 */
public final class FileSubscriberDirectory implements SubscriberDirectory {

    private final Path folder;
    private final PrivateFolder lock;
    private final ObjectMapper json = JsonLinesRevisionLog.mapper();

    public FileSubscriberDirectory(Path folder) {
        this.lock = new PrivateFolder(folder, "subscribers");
        this.folder = lock.path();
    }

    /** The stored form: flat, readable, independent of the record's Java shape. */
    record Stored(String id, String email, SubscriberStatus status, Cadence cadence, Instant createdAt, Instant updatedAt,
                  long lastDeliveredSeq, Instant lastConfirmationSentAt, long version, String confirmationNonce,
                  Instant expiresAt, String topics) {

        static Stored of(Subscriber s) {
            return new Stored(s.id(), s.email().value(), s.status(), s.cadence(), s.createdAt(), s.updatedAt(),
                    s.lastDeliveredSeq(), s.lastConfirmationSentAt(), s.version(), s.confirmationNonce(), s.expiresAt(),
                    s.topics().wholeHub() ? null : s.topics().encode());
        }

        Subscriber subscriber() {
            return new Subscriber(id, new EmailAddress(email), status, cadence, createdAt, updatedAt, lastDeliveredSeq,
                    lastConfirmationSentAt, version, confirmationNonce, expiresAt, Topics.decode(topics));
        }
    }

    @Override
    public Optional<Subscriber> get(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    @Override
    public Optional<Subscriber> find(EmailAddress email) {
        return read(file(email));
    }

    @Override
    public boolean create(Subscriber subscriber) {
        return locked(() -> {
            Optional<Subscriber> sameMailbox = read(file(subscriber.email()));
            if (sameMailbox.filter(s -> !s.expired(subscriber.createdAt())).isPresent() || get(subscriber.id()).isPresent()) {
                return false;
            }
            write(subscriber);
            return true;
        });
    }

    @Override
    public boolean update(Subscriber changed) {
        return locked(() -> {
            Optional<Subscriber> stored = read(file(changed.email()));
            if (stored.isEmpty() || !stored.get().id().equals(changed.id()) || stored.get().version() != changed.version()) {
                return false;
            }
            write(changed.withVersion(changed.version() + 1));
            return true;
        });
    }

    @Override
    public Page confirmed(Cadence cadence, String cursor, int limit) {
        List<Path> files = files();
        List<Subscriber> items = new ArrayList<>();
        String last = null;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (cursor != null && name.compareTo(cursor) <= 0) {
                continue;
            }
            if (items.size() == limit) {
                return new Page(items, last);
            }
            last = name;
            read(file).filter(s -> s.confirmed() && s.cadence() == cadence).ifPresent(items::add);
        }
        return new Page(items, null);
    }

    /** Every subscriber, in mailbox-hash order. */
    public List<Subscriber> all() {
        List<Subscriber> all = new ArrayList<>();
        for (Path file : files()) {
            read(file).ifPresent(all::add);
        }
        return all;
    }

    private List<Path> files() {
        try (Stream<Path> list = Files.list(folder)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list subscribers in " + folder + ": " + e.getMessage(), e);
        }
    }

    private Path file(EmailAddress email) {
        return folder.resolve(Hashing.sha256Hex(email.canonical().getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".json");
    }

    private Optional<Subscriber> read(Path file) {
        try {
            return Optional.of(json.readValue(Files.readAllBytes(file), Stored.class).subscriber());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read subscriber " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(Subscriber subscriber) throws IOException {
        AtomicFiles.writePrivate(file(subscriber.email()), json.writerWithDefaultPrettyPrinter().writeValueAsBytes(Stored.of(subscriber)));
    }

    private <T> T locked(PrivateFolder.Action<T> action) {
        return lock.locked(action);
    }
}
