package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.cos.ICOSVisitor;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a book, or a document laid out to be bound into one, in time linear in its objects:
 * every object reached once, numbered in the order it is first reached; streams as they are
 * (their filtered bytes copied, not decoded); one cross-reference stream (PDF 1.5+). A book packs
 * its other objects 100 to an object stream (its structure tree's many small dictionaries take 2.5
 * times the room otherwise); a document only the binding reads keeps each at its own offset,
 * because PDFBox reads an object kept in an object stream by parsing the stream's objects again,
 * which made reading the parts most of a one-page edit's work at 1,000 pages.
 *
 * <p>A book is written a source at a time, so that only one source is in memory
 * ({@link Binding}): {@link #writeAll} writes what is reachable from some roots and then forgets
 * those objects (a {@link Written} stands for one later); objects of the book itself ({@link
 * #defer}) are numbered when reached and written by {@link #finish}. Each source is numbered from a
 * base of its own ({@link #startSource}) and its bytes captured ({@link #endSource}), so that a
 * later book holding the same source at the same base copies them ({@link #reuse}); a number may
 * be reserved in a source for a stream written just after it ({@link #reserve}, {@link #writeAt}).
 *
 * <p>A source read from a file this writer wrote with {@link Packing#OFFSETS} may be given with its
 * bytes ({@link Source}): then an object the binding never read (most of a part: its structure
 * elements, fonts and content streams) is copied from those bytes with its references renumbered,
 * instead of being parsed into objects and written again, which was most of the binding's time.
 * What the binding read may have been changed, so it is written from its objects as before.
 *
 * <p>Why not {@link PDDocument#save}: PDFBox's writer is quadratic in a long structure tree
 * uncompressed (it checks its whole queue before adding an object) and never finishes a bound
 * book compressed (its pool keys objects by their numbers in their own files, which collide). Same
 * rules as PDFBox for what is indirect: what a file referenced, every stream, and every dictionary
 * not marked direct; arrays and direct dictionaries are written in place. Deterministic: the same
 * book gives the same bytes (the walk follows the dictionaries' own key order, and the deflater's
 * level is fixed).
 */
final class BookWriter {

    private static final int PER_OBJECT_STREAM = 100;
    /** A cross-reference entry's bytes (/W [1 4 2]), and the PNG filter type every row of the table is written with. */
    private static final int ROW = 7;
    private static final byte PNG_UP = 2;
    /**
     * The deflate level of object streams: 5, not zlib's default 6, which took 60 % longer on a
     * 1,000-page book's 51.6 MB of them (0.93 s against 0.58 s) for 0.6 % fewer bytes (9.34 against
     * 9.40 MB); level 4 and below gave up 4.6 % or more (docs/benchmarks.md).
     */
    private static final int OBJECT_STREAM_LEVEL = 5;
    private static final byte[] HEADER = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);

    /** How a file's objects other than streams are kept. */
    enum Packing {
        /** 100 to an object stream: a book readers download. */
        OBJECT_STREAMS,
        /** Each at its own offset: a part, front or back matter, read again only to be bound. */
        OFFSETS
    }

    /** An object already written (or reserved), by its number: what the book keeps instead of it. */
    static final class Written extends COSBase {
        private final int number;

        private Written(int number) {
            this.number = number;
        }

        /** What stands for the object written under this number. */
        static Written of(int number) {
            if (number < 1) {
                throw new IllegalArgumentException("no object is written under " + number);
            }
            return new Written(number);
        }

        int number() {
            return number;
        }

        @Override
        public void accept(ICOSVisitor visitor) {
            throw new UnsupportedOperationException("a reference written by BookWriter only");
        }
    }

    /**
     * A source's file as this writer wrote it (each object at its own offset, /Length written
     * directly) and the document PDFBox read from it, whose object pool says which objects were read.
     */
    record Source(byte[] file, PDDocument document) {
    }

    /** An object of the source copied from its bytes: queued under the number it was given. */
    private static final class Copy extends COSBase {
        private final int key;
        private final long offset;
        private final int number;

        private Copy(int key, long offset, int number) {
            this.key = key;
            this.offset = offset;
            this.number = number;
        }

        @Override
        public void accept(ICOSVisitor visitor) {
            throw new UnsupportedOperationException("a copy made by BookWriter only");
        }
    }

    private final Packing packing;
    private final Counting out;
    /** Objects of the book and reserved numbers: kept to the end. */
    private final Map<COSBase, Integer> kept = new IdentityHashMap<>();
    /** Objects of the source being written: forgotten after each {@link #writeAll}. */
    private final Map<COSBase, Integer> numbers = new IdentityHashMap<>();
    /** The source being written, when its bytes may be copied; null otherwise. */
    private Source source;
    /** By the source's object number (generation 0): where it is in the file, 0 when not at an offset of its own. */
    private long[] sourceOffsets;
    /** By the source's object number: the book's number of an object copied as bytes, -1 for one written from its object, 0 not met yet. */
    private int[] sourceNumbers;
    /** The book's objects to write at the end, in the order they were named (so the bytes are the same each time). */
    private final List<COSBase> deferred = new ArrayList<>();
    private final Deque<COSBase> pending = new ArrayDeque<>();
    /** Where each object is, by number: a file offset (type 1) or its object stream and index (type 2); type 0 not yet written. */
    private final Xref xref = new Xref();
    private final Bytes packed = new Bytes(1 << 16);
    private final Bytes offsets = new Bytes(1 << 10);
    /** What a copied object's dictionary is renumbered into, reused. */
    private final Bytes copied = new Bytes(1 << 10);
    private final List<Integer> inStream = new ArrayList<>();
    /** The filtered length of the stream being written (set just before its dictionary is). */
    private long streamLength;
    /** The last object stream closed, not yet in the file. */
    private ObjectStream compressing;
    /** Numbers skipped between sources: free. */
    private final java.util.BitSet holes = new java.util.BitSet();
    /** The source being written: its first number, where its bytes start, and a copy of them; capture is null between sources. */
    private int sourceBase;
    private long sourceStart;
    private Bytes capture;

    /**
     * Compresses object streams beside the thread writing the book, one thread for the process;
     * none on one core, where a stream is compressed where it is closed.
     */
    private static final ExecutorService COMPRESSING = Runtime.getRuntime().availableProcessors() < 2 ? null
            : Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "guide-compress");
                thread.setDaemon(true);
                return thread;
            });

    /** An object stream closed and being compressed. */
    private record ObjectStream(int number, int count, int first, Future<byte[]> compressed) {
    }

    BookWriter(Packing packing, OutputStream target) throws IOException {
        this.packing = packing;
        this.out = new Counting(target);
        xref.add(); // object 0, the free list's head
        out.write(HEADER);
    }

    /** Writes a whole document's objects to {@code out}. Its fonts must be subset already (what PDDocument.save does first). */
    static void write(PDDocument document, Packing packing, OutputStream out) throws IOException {
        BookWriter writer = new BookWriter(packing, out);
        writer.finish(document.getDocument().getTrailer());
    }

    /**
     * Numbers the objects written from now on from {@code base}: the numbers between the last one
     * handed out and it are never used (free in the cross-reference table). What is written until
     * {@link #endSource} is the source's bound form, which {@link #reuse} can copy into another book
     * at the same base.
     */
    void startSource(int base) throws IOException {
        moveTo(base);
        sourceBase = base;
        sourceStart = out.count;
        capture = new Bytes(1 << 16);
    }

    /** Leaves the numbers from the next one up to the base unused, between sources. */
    private void moveTo(int base) throws IOException {
        if (!pending.isEmpty() || !inStream.isEmpty() || capture != null) {
            throw new IllegalStateException("a source starts after the last one ended");
        }
        if (base < xref.size()) {
            throw new IllegalStateException("source base " + base + " is below the next number, " + xref.size());
        }
        while (xref.size() < base) {
            holes.set(xref.add());
        }
        if (compressing != null) {
            writeObjectStream(compressing);
            compressing = null;
        }
    }

    /**
     * Ends the source started last: its objects are all in the file, its last object stream closed.
     * Returns its bytes and where its objects are in them; numbers it reserved and did not write
     * (its footers, written next) are left for the caller to write.
     */
    Captured endSource() throws IOException {
        if (capture == null) {
            throw new IllegalStateException("no source was started");
        }
        if (!inStream.isEmpty()) {
            flush(true);
        }
        if (compressing != null) {
            writeObjectStream(compressing);
            compressing = null;
        }
        int used = xref.size() - sourceBase;
        long[] fields = new long[used];
        int[] kinds = new int[used];
        for (int i = 0; i < used; i++) {
            int number = sourceBase + i;
            kinds[i] = xref.kinds[number];
            fields[i] = xref.type(number) == 1 ? xref.field(number) - sourceStart : xref.field(number);
        }
        byte[] bytes = new byte[capture.size()];
        capture.copyTo(bytes, 0);
        capture = null;
        return new Captured(sourceBase, bytes, fields, kinds);
    }

    /** Copies a source as {@link #endSource} captured it, at its base (the numbers before it left unused). */
    void reuse(Captured source) throws IOException {
        moveTo(source.base());
        long start = out.count;
        for (int i = 0; i < source.used(); i++) {
            int number = xref.add();
            int kind = source.kinds()[i];
            int type = kind >>> 24;
            if (type == 1) {
                xref.set(number, 1, start + source.fields()[i], 0);
            } else if (type == 2) {
                xref.set(number, 2, source.fields()[i], kind & 0xFFFF);
            }
        }
        out.write(source.bytes());
    }

    /**
     * A source's objects as bound at {@code base}: their bytes, and by number from the base, each
     * one's place in them (a cross-reference entry: type 1 with an offset from the bytes' start,
     * type 2 in an object stream, type 0 reserved and written after them).
     */
    record Captured(int base, byte[] bytes, long[] fields, int[] kinds) {
        int used() {
            return kinds.length;
        }
    }

    /** A number for an object written later (in this source, or after it with {@link #writeAt}). */
    int reserve() {
        return newNumber();
    }

    /** The object is written in this source under a number of its own, given now. */
    int take(COSBase object) {
        int number = newNumber();
        numbers.put(object, number);
        pending.addLast(object);
        return number;
    }

    /** References to the object are to this reserved number; it is not written with this source ({@link #writeAt}). */
    void assign(COSBase object, int number) {
        numbers.put(object, number);
    }

    /** Writes a stream, which refers to nothing, under a reserved number, outside any source. */
    void writeAt(int number, COSStream stream) throws IOException {
        if (capture != null) {
            throw new IllegalStateException("end the source first");
        }
        xref.set(number, 1, out.count, 0);
        writeStream(number, stream);
    }

    /** An object of the book itself: numbered when reached, written by {@link #finish}. */
    void defer(COSBase object) {
        COSBase actual = object instanceof COSObject o ? actual(o) : object;
        if (!kept.containsKey(actual)) {
            kept.put(actual, newNumber());
            deferred.add(actual);
        }
    }

    /** Takes back an object of the book ({@link #defer}) that nothing names after all: its number stays free. */
    void release(COSBase object) {
        Integer number = kept.remove(object);
        if (number == null || !deferred.removeIf(o -> o == object)) {
            throw new IllegalStateException("only an object of the book not yet written can be released");
        }
        holes.set(number);
    }

    /**
     * Writes every object reachable from the roots (and what is pending: the source's pages) that is not
     * the book's, then forgets them: returns what stands for each root from now on (the root itself
     * when it is written in place: a value that is not indirect). With a source ({@code from} not
     * null), what the binding did not read of it is copied from its bytes.
     */
    List<COSBase> writeAll(List<COSBase> roots, Source from) throws IOException {
        source = from;
        if (from != null) {
            Map<COSObjectKey, Long> xrefTable = from.document().getDocument().getXrefTable();
            int size = 0;
            for (COSObjectKey key : xrefTable.keySet()) {
                size = (int) Math.max(size, Math.min(key.getNumber() + 1, Integer.MAX_VALUE - 8));
            }
            sourceOffsets = new long[size];
            sourceNumbers = new int[size];
            xrefTable.forEach((key, offset) -> {
                if (key.getGeneration() == 0 && offset != null && offset > 0) {
                    sourceOffsets[(int) key.getNumber()] = offset;
                }
            });
        }
        try {
            return writeRoots(roots);
        } finally {
            source = null;
            sourceOffsets = null;
            sourceNumbers = null;
        }
    }

    private List<COSBase> writeRoots(List<COSBase> roots) throws IOException {
        List<Integer> rootNumbers = new ArrayList<>(roots.size());
        for (COSBase root : roots) {
            rootNumbers.add(indirect(root) ? number(root) : -1);
        }
        drain();
        List<COSBase> standIns = new ArrayList<>(roots.size());
        for (int i = 0; i < roots.size(); i++) {
            standIns.add(rootNumbers.get(i) < 0 ? roots.get(i) : new Written(rootNumbers.get(i)));
        }
        numbers.clear();
        return standIns;
    }

    /** Writes the book's own objects and the trailer: the file is complete. */
    void finish(COSDictionary trailer) throws IOException {
        if (capture != null) {
            throw new IllegalStateException("a source was not ended");
        }
        int root = number(trailer.getItem(COSName.ROOT));
        COSBase info = trailer.getItem(COSName.INFO);
        int infoNumber = info == null ? -1 : number(info);
        pending.addAll(deferred);
        deferred.clear();
        drain();
        if (!inStream.isEmpty()) {
            flush();
        }
        if (compressing != null) {
            writeObjectStream(compressing);
            compressing = null;
        }
        for (int number = 1; number < xref.size(); number++) {
            if (xref.type(number) == 0 && !holes.get(number)) {
                throw new IllegalStateException("object " + number + " was reserved but never written");
            }
        }
        writeXref(root, infoNumber, trailer.getDictionaryObject(COSName.ID));
        out.passOn();
    }

    private void drain() throws IOException {
        while (!pending.isEmpty()) {
            COSBase object = pending.removeFirst();
            if (object instanceof Copy copy) {
                copy(copy);
                continue;
            }
            writeIndirect(numberOf(object), object);
        }
    }

    private void writeIndirect(int number, COSBase object) throws IOException {
        if (object instanceof COSStream stream) {
            xref.set(number, 1, out.count, 0);
            writeStream(number, stream);
        } else {
            writeObject(object, openObject(number));
            closeObject();
        }
    }

    /** Starts an object other than a stream: at its own offset, or in the object stream being filled. */
    private OutputStream openObject(int number) throws IOException {
        if (packing == Packing.OFFSETS) {
            xref.set(number, 1, out.count, 0);
            out.write(ascii(number + " 0 obj\n"));
            return out;
        }
        offsets.write(ascii(number + " " + packed.size() + " "));
        inStream.add(number);
        return packed;
    }

    private void closeObject() throws IOException {
        if (packing == Packing.OFFSETS) {
            out.write(ascii("\nendobj\n"));
        } else {
            packed.write('\n');
            if (inStream.size() == PER_OBJECT_STREAM) {
                flush();
            }
        }
    }

    /**
     * Writes a source's object from its bytes, its references renumbered; one this writer cannot
     * copy (a stream whose /Length is not written directly, bytes it does not expect) is read and
     * written as an object.
     */
    private void copy(Copy copy) throws IOException {
        byte[] file = source.file();
        Bytes body = copied;
        body.reset();
        boolean scanned;
        long length = -1;
        int data = -1;
        try {
            SourceObject object = SourceObject.at(file, copy.offset);
            length = object.renumber(file, body, this::writeReference);
            data = object.stream(file);
            scanned = true;
        } catch (IOException unreadable) {
            scanned = false;
        }
        if (scanned && data < 0) {
            body.writeTo(openObject(copy.number));
            closeObject();
        } else if (scanned && length >= 0 && data + length <= file.length) {
            xref.set(copy.number, 1, out.count, 0);
            out.write(ascii(copy.number + " 0 obj\n"));
            body.writeTo(out);
            out.write(ascii("\nstream\n"));
            out.write(file, data, (int) length);
            out.write(ascii("\nendstream\nendobj\n"));
        } else {
            COSBase read = actual(source.document().getDocument().getObjectFromPool(new COSObjectKey(copy.key, 0)));
            numbers.put(read, copy.number);
            writeIndirect(copy.number, read);
        }
    }

    /** A reference met in a source's bytes: to the object the source holds under that number. */
    private void writeReference(long objectNumber, int generation, OutputStream target) throws IOException {
        int copied = copiedNumber(objectNumber, generation);
        if (copied > 0) {
            writeReference(copied, target);
        } else {
            writeValue(source.document().getDocument().getObjectFromPool(new COSObjectKey(objectNumber, generation)), target);
        }
    }

    /**
     * The book's number for a source object copied from the source's bytes (queued to be copied
     * when first met), or -1 when it is written from its object: it was read (and may have been
     * changed), or it is not at an offset of its own. Decided once per object and source.
     */
    private int copiedNumber(long objectNumber, int generation) {
        if (source == null || generation != 0 || objectNumber < 0 || objectNumber >= sourceNumbers.length) {
            return -1;
        }
        int at = (int) objectNumber;
        if (sourceNumbers[at] == 0) {
            long offset = sourceOffsets[at];
            if (offset <= 0 || source.document().getDocument().getObjectFromPool(new COSObjectKey(at, 0)).isDereferenced()) {
                sourceNumbers[at] = -1;
            } else {
                int number = newNumber();
                sourceNumbers[at] = number;
                pending.addLast(new Copy(at, offset, number));
            }
        }
        return sourceNumbers[at];
    }

    /** The book's number for this reference's object when it is copied from the source's bytes, else -1. */
    private int copiedNumber(COSObject reference) {
        COSObjectKey key = reference.getKey();
        return key == null || reference.isDereferenced() ? -1 : copiedNumber(key.getNumber(), key.getGeneration());
    }

    /** "n 0 R", without making a string of it. */
    private static void writeReference(int number, OutputStream target) throws IOException {
        byte[] digits = new byte[16];
        int at = digits.length;
        digits[--at] = 'R';
        digits[--at] = ' ';
        digits[--at] = '0';
        digits[--at] = ' ';
        int rest = number;
        do {
            digits[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        target.write(digits, at, digits.length - at);
    }

    private int newNumber() {
        return xref.add();
    }

    private Integer numberOf(COSBase object) {
        Integer number = numbers.get(object);
        return number != null ? number : kept.get(object);
    }

    private static boolean indirect(COSBase value) {
        return value instanceof COSObject || value instanceof COSStream
                || (value instanceof COSDictionary dictionary && !dictionary.isDirect());
    }

    /** The number of an indirect object, reached for the first time (queued, unless it is the book's) or again. */
    private int number(COSBase reference) {
        if (reference instanceof Written written) {
            return written.number;
        }
        if (reference instanceof COSObject o) {
            int copied = copiedNumber(o);
            if (copied > 0) {
                return copied;
            }
        }
        COSBase object = reference instanceof COSObject o ? actual(o) : reference;
        Integer known = numberOf(object);
        if (known != null) {
            return known;
        }
        int number = newNumber();
        numbers.put(object, number);
        pending.addLast(object);
        return number;
    }

    private static COSBase actual(COSObject reference) {
        COSBase object = reference.getObject();
        return object == null ? COSNull.NULL : object;
    }

    /** Writes a value in place, or a reference to it when it is indirect. */
    private void writeValue(COSBase value, OutputStream target) throws IOException {
        int copied = value instanceof COSObject o ? copiedNumber(o) : -1;
        if (copied > 0) {
            writeReference(copied, target);
        } else if (value == null || value instanceof COSNull || (value instanceof COSObject o && actual(o) instanceof COSNull)) {
            COSNull.NULL.writePDF(target);
        } else if (value instanceof Written || indirect(value)) {
            target.write(ascii(number(value) + " 0 R"));
        } else {
            writeObject(value, target);
        }
    }

    /** Writes an object's own body (never a reference to itself). */
    private void writeObject(COSBase object, OutputStream target) throws IOException {
        if (object instanceof COSDictionary dictionary) {
            writeDictionary(dictionary, target, false);
        } else if (object instanceof COSArray array) {
            target.write('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    target.write(' ');
                }
                writeValue(array.get(i), target);
            }
            target.write(']');
        } else if (object instanceof COSString string) {
            COSWriter.writeString(string, target);
        } else if (object instanceof COSName name) {
            target.write(bytes(name));
        } else if (object instanceof COSInteger integer) {
            integer.writePDF(target);
        } else if (object instanceof COSFloat number) {
            number.writePDF(target);
        } else if (object instanceof COSBoolean bool) {
            bool.writePDF(target);
        } else if (object instanceof COSNull) {
            COSNull.NULL.writePDF(target);
        } else {
            throw new IOException("cannot write a PDF object of type " + object.getClass().getSimpleName());
        }
    }

    /** A dictionary; a stream's without its /Length, which the stream writes as it copies its bytes. */
    private void writeDictionary(COSDictionary dictionary, OutputStream target, boolean stream) throws IOException {
        target.write(COSWriter.DICT_OPEN);
        for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
            if (entry.getValue() == null || (stream && COSName.LENGTH.equals(entry.getKey()))) {
                continue;
            }
            target.write(bytes(entry.getKey()));
            target.write(' ');
            writeValue(entry.getValue(), target);
            target.write('\n');
        }
        if (stream) {
            target.write(ascii("/Length " + streamLength));
        }
        target.write(COSWriter.DICT_CLOSE);
    }

    private void writeStream(int number, COSStream stream) throws IOException {
        byte[] data;
        try (InputStream raw = stream.createRawInputStream()) {
            data = raw.readAllBytes();
        }
        streamLength = data.length;
        out.write(ascii(number + " 0 obj\n"));
        writeDictionary(stream, out, true);
        out.write(ascii("\nstream\n"));
        out.write(data);
        out.write(ascii("\nendstream\nendobj\n"));
    }

    /**
     * Closes the object stream being filled: numbered now, compressed on the compressing thread,
     * and written into the file when the next one is closed (or at the end), so that compressing
     * one overlaps filling the next. Where a stream lands in the file depends only on the order of
     * the writer's calls, never on how fast a compression went: the bytes are the same each time,
     * with one core or many.
     */
    private void flush() throws IOException {
        flush(false);
    }

    /**
     * @param here compress on this thread: the last stream of a source, which is written as soon as
     *             it is closed (waiting for the compressing thread would leave this one idle)
     */
    private void flush(boolean here) throws IOException {
        int number = newNumber();
        for (int i = 0; i < inStream.size(); i++) {
            xref.set(inStream.get(i), 2, number, i);
        }
        int first = offsets.size();
        byte[] data = new byte[first + packed.size()];
        offsets.copyTo(data, 0);
        packed.copyTo(data, first);
        Future<byte[]> compressed = COMPRESSING == null || here ? CompletableFuture.completedFuture(deflate(data, OBJECT_STREAM_LEVEL))
                : COMPRESSING.submit(() -> deflate(data, OBJECT_STREAM_LEVEL));
        ObjectStream closed = new ObjectStream(number, inStream.size(), first, compressed);
        inStream.clear();
        offsets.reset();
        packed.reset();
        if (compressing != null) {
            writeObjectStream(compressing);
        }
        compressing = closed;
    }

    private void writeObjectStream(ObjectStream stream) throws IOException {
        byte[] compressed;
        try {
            compressed = stream.compressed().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing the book");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        xref.set(stream.number(), 1, out.count, 0);
        out.write(ascii(stream.number() + " 0 obj\n<</Type /ObjStm /N " + stream.count() + " /First " + stream.first()
                + " /Filter /FlateDecode /Length " + compressed.length + ">>\nstream\n"));
        out.write(compressed);
        out.write(ascii("\nendstream\nendobj\n"));
    }

    /** The cross-reference stream, which is also the trailer, and the file's end. */
    private void writeXref(int root, int info, COSBase id) throws IOException {
        int number = newNumber();
        long start = out.count;
        xref.set(number, 1, start, 0);
        // Filled in place: a 1,000-page book has some 500,000 entries, a byte at a time through a stream was 3 % of an edit.
        byte[] row = new byte[ROW];
        byte[] above = new byte[ROW];
        byte[] table = new byte[xref.size() * (ROW + 1)];
        for (int n = 0, at = 0; n < xref.size(); n++, at += ROW + 1) {
            java.util.Arrays.fill(row, (byte) 0);
            if (xref.type(n) == 0) {
                // Free: object 0 heads the free list, which links every number skipped between sources
                // in order (generation 65535 for object 0, 0 for a number never used).
                int next = n + 1 < xref.size() ? holes.nextSetBit(n + 1) : -1;
                long field = next < 0 ? 0 : next;
                for (int i = 0; i < 4; i++) {
                    row[1 + i] = (byte) (field >>> (24 - 8 * i));
                }
                if (n == 0) {
                    row[5] = (byte) 0xFF;
                    row[6] = (byte) 0xFF;
                }
            } else {
                row[0] = (byte) xref.type(n);
                long field = xref.field(n);
                for (int i = 0; i < 4; i++) {
                    row[1 + i] = (byte) (field >>> (24 - 8 * i));
                }
                int index = xref.index(n);
                row[5] = (byte) (index >>> 8);
                row[6] = (byte) index;
            }
            // PNG "Up": each byte as its difference from the byte above. Neighbouring entries differ
            // in a byte or two, so the table deflates to a tenth of its plain size (1.18 MB to 0.13 MB
            // for a 1,000-page book) and in a fourteenth of the time (0.3 s at the end of the binding).
            table[at] = PNG_UP;
            for (int i = 0; i < ROW; i++) {
                table[at + 1 + i] = (byte) (row[i] - above[i]);
            }
            byte[] swap = above;
            above = row;
            row = swap;
        }
        byte[] compressed = deflate(table, Deflater.DEFAULT_COMPRESSION);
        ByteArrayOutputStream trailer = new ByteArrayOutputStream();
        trailer.write(ascii(number + " 0 obj\n<</Type /XRef /Size " + xref.size() + " /W [1 4 2] /Root " + root + " 0 R"
                + " /DecodeParms <</Columns " + ROW + " /Predictor 12>>"));
        if (info >= 0) {
            trailer.write(ascii(" /Info " + info + " 0 R"));
        }
        if (id instanceof COSArray ids) {
            trailer.write(ascii(" /ID "));
            writeObject(ids, trailer);
        }
        trailer.write(ascii(" /Filter /FlateDecode /Length " + compressed.length + ">>\nstream\n"));
        out.write(trailer.toByteArray());
        out.write(compressed);
        out.write(ascii("\nendstream\nendobj\nstartxref\n" + start + "\n%%EOF\n"));
    }

    private static byte[] deflate(byte[] data, int level) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(data.length / 3 + 64);
        Deflater deflater = new Deflater(level);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(buffer, deflater)) {
            stream.write(data);
        } finally {
            deflater.end();
        }
        return buffer.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A name as PDFBox writes it ({@link COSName#writePDF}), kept per name: PDFBox writes a name a
     * byte at a time, and a book's dictionaries write a few names each, some million times in all.
     */
    private static byte[] bytes(COSName name) {
        byte[] known = NAMES.get(name);
        if (known == null) {
            ByteArrayOutputStream written = new ByteArrayOutputStream(name.getName().length() + 8);
            try {
                name.writePDF(written);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not throw
            }
            known = written.toByteArray();
            NAMES.putIfAbsent(name, known);
        }
        return known;
    }

    private static final Map<COSName, byte[]> NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A growing array of bytes written by one thread: a ByteArrayOutputStream locks on every write,
     * which the quick compiler (no lock elision) pays for each byte of an object stream.
     */
    private static final class Bytes extends OutputStream {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            if (size == bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (size + len > bytes.length) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + len));
            }
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        int size() {
            return size;
        }

        void reset() {
            size = 0;
        }

        void copyTo(byte[] target, int at) {
            System.arraycopy(bytes, 0, target, at, size);
        }

        void writeTo(OutputStream target) throws IOException {
            target.write(bytes, 0, size);
        }
    }

    /**
     * The cross-reference entries in two growing arrays (a 10,000-page book has 4.6 million
     * objects: an array object per entry took 185 MB of heap).
     */
    private static final class Xref {
        /** The offset, or the object stream's number (type 0: nothing). */
        private long[] fields = new long[1024];
        /** The type in the top 8 bits, the index in an object stream in the low 16. */
        int[] kinds = new int[1024];
        private int size;

        int add() {
            if (size == fields.length) {
                fields = java.util.Arrays.copyOf(fields, size * 2);
                kinds = java.util.Arrays.copyOf(kinds, size * 2);
            }
            return size++;
        }

        void set(int number, int type, long field, int index) {
            fields[number] = field;
            kinds[number] = type << 24 | index;
        }

        int size() {
            return size;
        }

        int type(int number) {
            return kinds[number] >>> 24;
        }

        long field(int number) {
            return fields[number];
        }

        int index(int number) {
            return kinds[number] & 0xFFFF;
        }
    }

    /**
     * An output that knows how many bytes went through it (the cross-reference table's offsets), and
     * passes them on in blocks: the writer writes a token at a time, and the outputs it writes to
     * (a ByteArrayOutputStream, a BufferedOutputStream) lock on every write, which the quick compiler
     * (no lock elision) pays each time. What is left in the block is passed on by {@link #finish}.
     */
    private final class Counting extends OutputStream {
        private static final int BLOCK = 1 << 16;
        private final OutputStream out;
        private final byte[] block = new byte[BLOCK];
        private int filled;
        private long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (filled == BLOCK) {
                passOn();
            }
            block[filled++] = (byte) b;
            if (capture != null) {
                capture.write(b);
            }
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > BLOCK - filled) {
                passOn();
            }
            if (len >= BLOCK) {
                out.write(b, off, len);
            } else {
                System.arraycopy(b, off, block, filled, len);
                filled += len;
            }
            if (capture != null) {
                capture.write(b, off, len);
            }
            count += len;
        }

        /** Passes on what is in the block. */
        void passOn() throws IOException {
            if (filled > 0) {
                out.write(block, 0, filled);
                filled = 0;
            }
        }
    }
}
