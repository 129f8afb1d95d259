package dev.hubpress.local;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.LongPredicate;

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
    private final Set<String> warned = new HashSet<>();
    /** Revisions ("hub seq") this process has seen in the log. */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public JsonLinesRevisionLog(Path file) {
        this(file, message -> System.err.println("warning: " + message));
    }

    public JsonLinesRevisionLog(Path file, Consumer<String> warnings) {
        this.file = file.toAbsolutePath().normalize();
        this.warnings = warnings;
    }

    /** One line of the log. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Event(String type, String hub, long seq, Revision revision, String channel, ChannelStatus status) {
    }

    /**
     * The JSON mapper of the local state's files (this log, the subscribers, the send ledger, the
     * confirmation budget): built once per process and shared, as it is thread-safe once built and
     * costs about 40 ms of a start on a small VM.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // Records are written as their components only: no derived "getters" such as isEmpty().
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
                .build();
    }

    /**
     * The reader and writer of a log line, built once per process: made by reflection over the
     * records, about 50 ms more before the first line is read.
     */
    private static final class Lines {
        static final ObjectReader READER = mapper().readerFor(Event.class);
        static final ObjectWriter WRITER = mapper().writerFor(Event.class);
    }

    /**
     * Builds the JSON of log lines now, for a caller with a core to spare before it opens a log:
     * {@code ./hub} does so while it reads its command line. A log that reads or writes a line
     * meanwhile waits for it.
     */
    public static void prepare() {
        Objects.requireNonNull(Lines.WRITER);
    }

    /** The mapper of the local state's files (see {@link Json}). */
    static ObjectMapper mapper() {
        return Json.MAPPER;
    }

    /**
     * Read from the end of the file, only as far back as the revisions asked for (a publish asks for
     * 200 accepted ones): a long-lived hub's log grows with every push, and folding all of it made
     * each publish cost more than the last (a one-page edit of the real hub 1.2 s slower with 10,000
     * revisions behind it; docs/benchmarks.md). The result is the whole fold's: a log whose tail is not as
     * this class writes it (numbers increasing, each channel line after its revision's, every line
     * readable) is folded whole, which also warns about each line it skips.
     */
    @Override
    public History recent(String hub, int accepted) {
        byte[] bytes = readShared();
        return fromTheEnd(bytes, hub, accepted).orElseGet(() -> {
            TreeMap<Long, Revision> revisions = fold(bytes, hub);
            return new History(revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.lastEntry().getValue()),
                    revisions.descendingMap().values().stream().filter(Revision::accepted).limit(accepted).toList());
        });
    }

    /**
     * The newest revision and up to {@code accepted} accepted ones, from the lines at the end of
     * the file; empty when a line there is not as this log writes it, for the whole fold to read.
     */
    private Optional<History> fromTheEnd(byte[] bytes, String hub, int accepted) {
        Map<String, List<Event>> outcomes = new HashMap<>(); // channel lines not yet matched to their revision, newest first
        Set<String> read = new HashSet<>();
        Optional<Revision> latest = Optional.empty();
        List<Revision> found = new ArrayList<>();
        long newer = Long.MAX_VALUE;
        for (int to = bytes.length; to > 0; ) {
            int from = to;
            while (from > 0 && bytes[from - 1] != '\n') {
                from--;
            }
            int end = to;
            to = from - 1;
            String line = new String(bytes, from, end - from, StandardCharsets.UTF_8).strip();
            if (line.isEmpty()) {
                continue;
            }
            int start = from;
            Event event = event(line, () -> lineNumber(bytes, start), end == bytes.length);
            if (event == null || !event.hub().equals(hub)) {
                continue;
            }
            String key = key(hub, event.seq());
            if (CHANNEL.equals(event.type())) {
                if (event.channel() == null || event.status() == null || read.contains(key)) {
                    return Optional.empty(); // incomplete, or before its revision's line
                }
                outcomes.computeIfAbsent(key, k -> new ArrayList<>()).add(event);
            } else if (REVISION.equals(event.type())) {
                // Numbers only go down, read from the end: one out of order or read twice is for the whole fold.
                if (event.revision() == null || event.seq() >= newer) {
                    return Optional.empty();
                }
                newer = event.seq();
                read.add(key);
                Revision revision = event.revision();
                List<Event> recorded = outcomes.remove(key);
                if (recorded != null) {
                    for (int i = recorded.size() - 1; i >= 0; i--) {
                        revision = revision.withChannel(recorded.get(i).channel(), recorded.get(i).status());
                    }
                }
                known.add(key);
                if (latest.isEmpty()) {
                    latest = Optional.of(revision);
                }
                if (revision.accepted() && found.size() < accepted) {
                    found.add(revision);
                }
                if (found.size() >= accepted) {
                    // Enough read; the older lines only have to hold no revision of the hub
                    // numbered from the oldest one read on: the whole fold would take that one instead.
                    long oldest = newer;
                    return holds(bytes, Math.max(to, 0), hub, n -> n >= oldest) ? Optional.empty() : Optional.of(new History(latest, found));
                }
            } else {
                return Optional.empty();
            }
        }
        // The whole file was read: a channel line left over names a revision the log does not hold.
        return outcomes.isEmpty() ? Optional.of(new History(latest, found)) : Optional.empty();
    }

    /** The number (from 1) of the line that starts at {@code offset}. */
    private static int lineNumber(byte[] bytes, int offset) {
        int number = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                number++;
            }
        }
        return number;
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
            if (holds(read(channel), revision.hub(), revision.seq())) {
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
            if (!known.contains(key(hub, seq)) && !holds(read(channel), hub, seq)) {
                throw new IllegalArgumentException("no revision r" + seq + " of hub " + hub + " in " + file);
            }
            append(channel, new Event(CHANNEL, hub, seq, null, channelName, status));
            return null;
        });
    }

    private TreeMap<Long, Revision> fold(String hub) {
        return fold(readShared(), hub);
    }

    private TreeMap<Long, Revision> fold(byte[] bytes, String hub) {
        TreeMap<Long, Revision> revisions = new TreeMap<>();
        parse(bytes).forEach((key, revision) -> {
            known.add(key);
            if (revision.hub().equals(hub)) {
                revisions.put(revision.seq(), revision);
            }
        });
        return revisions;
    }

    /** Whether the file holds revision {@code seq} of {@code hub}, as the fold reads it. */
    private boolean holds(byte[] bytes, String hub, long seq) {
        return holds(bytes, bytes.length, hub, n -> n == seq);
    }

    /**
     * Whether a line before {@code to} holds a revision of {@code hub} whose number {@code matters},
     * as the fold reads it. Each line's first fields tell most lines apart without reading the rest
     * (a revision line is mostly its change set); a line they do not rule out is read whole.
     */
    private boolean holds(byte[] bytes, int to, String hub, LongPredicate matters) {
        for (int from = 0; from < to; ) {
            int end = from;
            while (end < to && bytes[end] != '\n') {
                end++;
            }
            if (mayBeRevision(bytes, from, end, hub, matters)) {
                try {
                    Event event = Lines.READER.readValue(bytes, from, end - from);
                    if (REVISION.equals(event.type()) && hub.equals(event.hub()) && matters.test(event.seq()) && event.revision() != null) {
                        return true;
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // skipped, as the fold skips it
                }
            }
            from = end + 1;
        }
        return false;
    }

    /**
     * False when the line's first fields (as this log writes them: type, hub, number) rule out a
     * revision of {@code hub} whose number {@code matters}, or when it is not JSON the fold could
     * read; true otherwise, for the caller to read the line whole. Only those fields are read: a
     * revision line is mostly its change set.
     */
    private boolean mayBeRevision(byte[] bytes, int from, int to, String hub, LongPredicate matters) {
        try (JsonParser line = mapper().getFactory().createParser(bytes, from, to - from)) {
            if (line.nextToken() != JsonToken.START_OBJECT) {
                return false; // the fold reads no event from it
            }
            int read = 0;
            while (line.nextToken() == JsonToken.FIELD_NAME) {
                String field = line.currentName();
                JsonToken value = line.nextToken();
                switch (field) {
                    case "type" -> {
                        if (value == JsonToken.VALUE_STRING && !REVISION.equals(line.getText())) {
                            return false;
                        }
                        read++;
                    }
                    case "hub" -> {
                        if (value == JsonToken.VALUE_STRING && !hub.equals(line.getText())) {
                            return false;
                        }
                        read++;
                    }
                    case "seq" -> {
                        if (value == JsonToken.VALUE_NUMBER_INT && !matters.test(line.getLongValue())) {
                            return false;
                        }
                        read++;
                    }
                    default -> line.skipChildren();
                }
                if (read == 3) {
                    return true;
                }
            }
            return true;
        } catch (IOException | RuntimeException unreadable) {
            return false; // the fold cannot read it either, and skips it
        }
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
            int number = i + 1;
            Event event = event(line, () -> number, i == lines.length - 1);
            if (event == null) {
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

    /**
     * The event a line of the log holds, or null (with a warning naming the line) when it holds
     * none: not JSON, or no type or hub.
     *
     * @param number the line's number, from 1 (asked for only to warn)
     * @param last   whether it is the file's last line, with no newline after it
     */
    private Event event(String line, IntSupplier number, boolean last) {
        try {
            Event event = Lines.READER.readValue(line);
            if (event.type() == null || event.hub() == null) {
                throw new IllegalArgumentException("no type or hub");
            }
            return event;
        } catch (JsonProcessingException | IllegalArgumentException | NullPointerException e) {
            int n = number.getAsInt();
            warnOnce(n, "ignoring unreadable line " + n + " of " + file + (last ? " (an interrupted write?)" : "") + ": " + firstLine(e.getMessage()));
            return null;
        }
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
        byte[] line = (Lines.WRITER.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
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
