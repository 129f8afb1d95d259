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
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdfwriter.COSWriter;
import org.apache.pdfbox.pdmodel.PDDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a book, or a document laid out to be bound into one, in one pass, in time linear in its
 * objects: every object reachable from the trailer's /Root and /Info once, numbered in the order it
 * is first reached; streams as they are (their filtered bytes copied, not decoded); one
 * cross-reference stream (PDF 1.5+). A book packs its other objects 100 to an object stream (its
 * structure tree's many small dictionaries take 2.5 times the room otherwise); a document only
 * the binding reads keeps each at its own offset, because PDFBox reads an object kept in an
 * object stream by parsing the stream's objects again, which made reading the parts most of a
 * one-page edit's work at 1,000 pages.
 *
 * <p>Why not {@link PDDocument#save}: a book bound from many laid-out files holds objects read
 * from each of them, and PDFBox's writer is quadratic on them uncompressed (it checks its whole
 * queue before adding an object) and never finishes compressed (its pool keys objects by their
 * numbers in their own files, which collide). Same rules as PDFBox for what is indirect: what a
 * file referenced, every stream, and every dictionary not marked direct; arrays and direct
 * dictionaries are written in place.
 *
 * <p>Deterministic: the same book gives the same bytes (the walk follows the dictionaries' own
 * key order, and the deflater's level is fixed).
 */
final class BookWriter {

    private static final int PER_OBJECT_STREAM = 100;

    /** How a file's objects other than streams are kept. */
    enum Packing {
        /** 100 to an object stream: a book readers download. */
        OBJECT_STREAMS,
        /** Each at its own offset: a part, front or back matter, read again only to be bound. */
        OFFSETS
    }

    private static final byte[] HEADER = "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1);

    private final Packing packing;
    private final Map<COSBase, Integer> numbers = new IdentityHashMap<>();
    private final Deque<COSBase> pending = new ArrayDeque<>();
    /** Where each object is: a file offset (type 1) or its object stream and index (type 2), by number. */
    private final List<long[]> xref = new ArrayList<>();
    /** The filtered length of the stream being written (set just before its dictionary is). */
    private long streamLength;

    private BookWriter(Packing packing) {
        this.packing = packing;
        xref.add(null); // object 0, the free list's head
    }

    /** Writes a book's objects to {@code out}, packed in object streams. */
    static void write(PDDocument document, OutputStream out) throws IOException {
        write(document, Packing.OBJECT_STREAMS, out);
    }

    /**
     * Writes the document's objects to {@code out}. Its fonts must be subset already (what
     * PDDocument.save does first; see {@link GuideRenderer}).
     */
    static void write(PDDocument document, Packing packing, OutputStream out) throws IOException {
        new BookWriter(packing).writeAll(document.getDocument().getTrailer(), out);
    }

    private void writeAll(COSDictionary trailer, OutputStream target) throws IOException {
        Counting out = new Counting(target);
        out.write(HEADER);
        int root = number(trailer.getItem(COSName.ROOT));
        COSBase info = trailer.getItem(COSName.INFO);
        int infoNumber = info == null ? -1 : number(info);
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        ByteArrayOutputStream offsets = new ByteArrayOutputStream();
        List<Integer> inStream = new ArrayList<>();
        while (!pending.isEmpty()) {
            COSBase object = pending.removeFirst();
            int number = numbers.get(object);
            if (object instanceof COSStream stream) {
                xref.set(number, new long[] {1, out.count, 0});
                writeStream(number, stream, out);
            } else if (packing == Packing.OFFSETS) {
                xref.set(number, new long[] {1, out.count, 0});
                out.write(ascii(number + " 0 obj\n"));
                writeObject(object, out);
                out.write(ascii("\nendobj\n"));
            } else {
                offsets.write(ascii(number + " " + packed.size() + " "));
                inStream.add(number);
                writeObject(object, packed);
                packed.write('\n');
                if (inStream.size() == PER_OBJECT_STREAM) {
                    flush(inStream, offsets, packed, out);
                }
            }
        }
        if (!inStream.isEmpty()) {
            flush(inStream, offsets, packed, out);
        }
        writeXref(root, infoNumber, trailer.getDictionaryObject(COSName.ID), out);
    }

    /** The number of an indirect object, reached for the first time or again. */
    private int number(COSBase reference) {
        COSBase object = reference instanceof COSObject o ? actual(o) : reference;
        Integer known = numbers.get(object);
        if (known != null) {
            return known;
        }
        int number = xref.size();
        xref.add(null);
        numbers.put(object, number);
        pending.addLast(object);
        return number;
    }

    private static COSBase actual(COSObject reference) {
        COSBase object = reference.getObject();
        return object == null ? COSNull.NULL : object;
    }

    /** Writes a value in place, or a reference to it when it is indirect. */
    private void writeValue(COSBase value, OutputStream out) throws IOException {
        if (value == null || value instanceof COSNull || (value instanceof COSObject o && actual(o) instanceof COSNull)) {
            COSNull.NULL.writePDF(out);
        } else if (value instanceof COSObject || value instanceof COSStream
                || (value instanceof COSDictionary dictionary && !dictionary.isDirect())) {
            out.write(ascii(number(value) + " 0 R"));
        } else {
            writeObject(value, out);
        }
    }

    /** Writes an object's own body (never a reference to itself). */
    private void writeObject(COSBase object, OutputStream out) throws IOException {
        if (object instanceof COSDictionary dictionary) {
            writeDictionary(dictionary, out, false);
        } else if (object instanceof COSArray array) {
            out.write('[');
            for (int i = 0; i < array.size(); i++) {
                if (i > 0) {
                    out.write(' ');
                }
                writeValue(array.get(i), out);
            }
            out.write(']');
        } else if (object instanceof COSString string) {
            COSWriter.writeString(string, out);
        } else if (object instanceof COSName name) {
            name.writePDF(out);
        } else if (object instanceof COSInteger integer) {
            integer.writePDF(out);
        } else if (object instanceof COSFloat number) {
            number.writePDF(out);
        } else if (object instanceof COSBoolean bool) {
            bool.writePDF(out);
        } else if (object instanceof COSNull) {
            COSNull.NULL.writePDF(out);
        } else {
            throw new IOException("cannot write a PDF object of type " + object.getClass().getSimpleName());
        }
    }

    /** A dictionary; a stream's without its /Length, which the stream writes as it copies its bytes. */
    private void writeDictionary(COSDictionary dictionary, OutputStream out, boolean stream) throws IOException {
        out.write(COSWriter.DICT_OPEN);
        for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
            if (entry.getValue() == null || (stream && COSName.LENGTH.equals(entry.getKey()))) {
                continue;
            }
            entry.getKey().writePDF(out);
            out.write(' ');
            writeValue(entry.getValue(), out);
            out.write('\n');
        }
        if (stream) {
            out.write(ascii("/Length " + streamLength));
        }
        out.write(COSWriter.DICT_CLOSE);
    }

    private void writeStream(int number, COSStream stream, Counting out) throws IOException {
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

    /** Writes the objects gathered so far as one object stream and notes where each of them is. */
    private void flush(List<Integer> members, ByteArrayOutputStream offsets, ByteArrayOutputStream packed, Counting out)
            throws IOException {
        int number = xref.size();
        xref.add(new long[] {1, out.count, 0});
        for (int i = 0; i < members.size(); i++) {
            xref.set(members.get(i), new long[] {2, number, i});
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(offsets.size() + packed.size());
        offsets.writeTo(body);
        int first = offsets.size();
        packed.writeTo(body);
        byte[] compressed = deflate(body.toByteArray());
        out.write(ascii(number + " 0 obj\n<</Type /ObjStm /N " + members.size() + " /First " + first
                + " /Filter /FlateDecode /Length " + compressed.length + ">>\nstream\n"));
        out.write(compressed);
        out.write(ascii("\nendstream\nendobj\n"));
        members.clear();
        offsets.reset();
        packed.reset();
    }

    /** The cross-reference stream, which is also the trailer, and the file's end. */
    private void writeXref(int root, int info, COSBase id, Counting out) throws IOException {
        int number = xref.size();
        xref.add(new long[] {1, out.count, 0});
        ByteArrayOutputStream table = new ByteArrayOutputStream(xref.size() * 7);
        for (long[] entry : xref) {
            if (entry == null) {
                // object 0 (and nothing else: every number handed out was written) heads the free list
                table.write(new byte[] {0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF});
                continue;
            }
            table.write((int) entry[0]);
            for (int shift = 24; shift >= 0; shift -= 8) {
                table.write((int) (entry[1] >>> shift));
            }
            table.write((int) (entry[2] >>> 8));
            table.write((int) entry[2]);
        }
        byte[] compressed = deflate(table.toByteArray());
        ByteArrayOutputStream trailer = new ByteArrayOutputStream();
        trailer.write(ascii(number + " 0 obj\n<</Type /XRef /Size " + xref.size() + " /W [1 4 2] /Root " + root + " 0 R"));
        if (info >= 0) {
            trailer.write(ascii(" /Info " + info + " 0 R"));
        }
        if (id instanceof COSArray ids) {
            trailer.write(ascii(" /ID "));
            writeObject(ids, trailer);
        }
        trailer.write(ascii(" /Filter /FlateDecode /Length " + compressed.length + ">>\nstream\n"));
        long start = xref.get(number)[1];
        out.write(trailer.toByteArray());
        out.write(compressed);
        out.write(ascii("\nendstream\nendobj\nstartxref\n" + start + "\n%%EOF\n"));
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(data);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** An output that knows how many bytes went through it: the cross-reference table's offsets. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
