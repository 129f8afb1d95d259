package dev.hubpress.local;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hubpress.core.port.RevisionLog;
import dev.hubpress.core.revision.ChannelStatus;
import dev.hubpress.core.revision.History;
import dev.hubpress.core.revision.Revision;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The revision log as a JSON-lines file, one event per line, appended and never rewritten:
 * <pre>
 * {"type":"revision","hub":"hub","seq":1,"revision":{…the whole revision…}}
 * {"type":"channel","hub":"hub","seq":1,"channel":"site","status":{…}}
 * </pre>
 * Reading folds the lines: a channel event replaces that channel's status on its revision.
 * Writers hold an exclusive lock on the file while they check and append, so two processes can
 * never both claim a sequence number. A line that does not parse (the tail of a crash mid-write)
 * is skipped with a warning, and the next append starts on a fresh line.
 */
public final class JsonLinesRevisionLog implements RevisionLog {

    static final String REVISION = "revision";
    static final String CHANNEL = "channel";

    /** File locks are per process; threads of one process are kept apart by these. */
    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;
    private final Consumer<String> warnings;
    private final ObjectMapper json;
    private final Set<String> warned = new HashSet<>();
    /** Revisions ("hub seq") this process has seen in the log. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public JsonLinesRevisionLog(Path file) {
        this(file, message -> System.err.println("warning: " + message));
    }

    public JsonLinesRevisionLog(Path file, Consumer<String> warnings) {
        this.file = file.toAbsolutePath().normalize();
        this.warnings = warnings;
        this.json = mapper();
    }

    /** One line of the log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String type, String hub, long seq, Revision revision, String channel, ChannelStatus status) {
    }

    static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Records are written as their components only: no derived "getters" such as isEmpty().
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .build();
    }

    @Override
    public History recent(String hub, int accepted) {
        TreeMap<Long, Revision> revisions = fold(hub);
        return new History(revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.lastEntry().getValue()),
                revisions.descendingMap().values().stream().filter(Revision::accepted).limit(accepted).toList());
    }

    @Override
    public Optional<Revision> get(String hub, long seq) {
        return Optional.ofNullable(fold(hub).get(seq));
    }

    /** Every revision of the hub, oldest first. */
    public List<Revision> all(String hub) {
        return List.copyOf(fold(hub).values());
    }

    @Override
    public boolean claim(Revision revision) {
        return locked(channel -> {
            if (parse(read(channel)).containsKey(key(revision.hub(), revision.seq()))) {
                return false;
            }
            append(channel, new Event(REVISION, revision.hub(), revision.seq(), revision, null, null));
            known.add(key(revision.hub(), revision.seq()));
            return true;
        });
    }

    @Override
    public void recordChannel(String hub, long seq, String channelName, ChannelStatus status) {
        locked(channel -> {
            // The log is append-only: a revision this process has seen stays there, so only an
            // unknown one costs a read of the file.
            if (!known.contains(key(hub, seq)) && !parse(read(channel)).containsKey(key(hub, seq))) {
                throw new IllegalArgumentException("no revision r" + seq + " of hub " + hub + " in " + file);
            }
            append(channel, new Event(CHANNEL, hub, seq, null, channelName, status));
            return null;
        });
    }

    private TreeMap<Long, Revision> fold(String hub) {
        TreeMap<Long, Revision> revisions = new TreeMap<>();
        parse(readShared()).forEach((key, revision) -> {
            known.add(key);
            if (revision.hub().equals(hub)) {
                revisions.put(revision.seq(), revision);
            }
        });
        return revisions;
    }

    /** Folds the lines into revisions by "hub seq", channel events applied in order. */
    private Map<String, Revision> parse(byte[] bytes) {
        Map<String, Revision> revisions = new TreeMap<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Event event;
            try {
                event = json.readValue(line, Event.class);
                if (event.type() == null || event.hub() == null) {
                    throw new IllegalArgumentException("no type or hub");
                }
            } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
                warnOnce(i + 1, "ignoring unreadable line " + (i + 1) + " of " + file
                        + (i == lines.length - 1 ? " (an interrupted write?)" : "") + ": " + firstLine(e.getMessage()));
                continue;
            }
            String key = key(event.hub(), event.seq());
            switch (event.type()) {
                case REVISION -> {
                    if (event.revision() == null) {
                        warnOnce(i + 1, "ignoring line " + (i + 1) + " of " + file + ": a revision event without its revision");
                    } else {
                        revisions.putIfAbsent(key, event.revision());
                    }
                }
                case CHANNEL -> {
                    Revision revision = revisions.get(key);
                    if (revision == null || event.channel() == null || event.status() == null) {
                        warnOnce(i + 1, "ignoring line " + (i + 1) + " of " + file + ": a channel event for an unknown revision");
                    } else {
                        revisions.put(key, revision.withChannel(event.channel(), event.status()));
                    }
                }
                default -> warnOnce(i + 1, "ignoring line " + (i + 1) + " of " + file + ": unknown type '" + event.type() + "'");
            }
        }
        return revisions;
    }

    private synchronized void warnOnce(int line, String message) {
        if (warned.add(line + ":" + message)) {
            warnings.accept(message);
        }
    }

    private static String key(String hub, long seq) {
        return hub + " " + seq;
    }

    private void append(FileChannel channel, Event event) throws IOException {
        byte[] line = (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
        long size = channel.size();
        ByteBuffer buffer;
        if (size > 0 && !endsWithNewline(channel, size)) {
            // The last line was cut short by a crash: keep it on a line of its own, where it is ignored.
            buffer = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
        } else {
            buffer = ByteBuffer.wrap(line);
        }
        long position = size;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        channel.force(false);
    }

    private static boolean endsWithNewline(FileChannel channel, long size) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, size - 1);
        return last.get(0) == '\n';
    }

    private static byte[] read(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("revision log is too large: " + size + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // keep reading until the buffer is full
        }
        return buffer.array();
    }

    /** The whole file under a shared lock, so a reader never sees another process's half-appended line. */
    private byte[] readShared() {
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        lock.lock();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             FileLock ignored = channel.lock(0, Long.MAX_VALUE, true)) {
            return read(channel);
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read revision log " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private interface LockedAction<T> {
        T run(FileChannel channel) throws IOException;
    }

    private <T> T locked(LockedAction<T> action) {
        ReentrantLock lock = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run(channel);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write revision log " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
