package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSBoolean;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * PDF objects as the render cache keeps them: a tree (no object met twice) of dictionaries (and
 * whether each is direct, which decides whether the book writes it in place), arrays, streams (their
 * filtered bytes) and plain values, each in order. What {@link #read} gives back the book writes as
 * the same bytes as what was kept. A book's fonts ({@link BookFonts}) and its bookmarks'
 * destinations ({@link KeptSources}) are kept so.
 */
final class KeptObjects {

    private KeptObjects() {
    }

    /** Writes the object and everything it holds; refuses one it cannot keep (a reference, an object met twice). */
    static void write(DataOutputStream out, COSBase value) throws IOException {
        write(out, value, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /** Reads an object {@link #write} wrote, as new objects; an IOException for bytes that are not one. */
    static COSBase read(DataInputStream in) throws IOException {
        return read(in, 0);
    }

    /** Deeper than any tree kept (a Type0 font is four levels deep): bytes nested further are not one. */
    private static final int MAX_DEPTH = 16;

    private static void write(DataOutputStream out, COSBase value, Set<COSBase> met) throws IOException {
        if ((value instanceof COSDictionary || value instanceof COSArray) && !met.add(value)) {
            throw new IOException("the objects are not a tree");
        }
        if (value instanceof COSStream stream) {
            out.writeByte('S');
            writeEntries(out, stream, met);
            byte[] data;
            try (InputStream raw = stream.createRawInputStream()) {
                data = raw.readAllBytes();
            }
            out.writeInt(data.length);
            out.write(data);
        } else if (value instanceof COSDictionary dictionary) {
            out.writeByte('D');
            out.writeBoolean(dictionary.isDirect());
            writeEntries(out, dictionary, met);
        } else if (value instanceof COSArray array) {
            out.writeByte('A');
            out.writeInt(array.size());
            for (int i = 0; i < array.size(); i++) {
                write(out, array.get(i), met);
            }
        } else if (value instanceof COSName name) {
            out.writeByte('N');
            writeBytes(out, name.getName().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof COSInteger integer) {
            out.writeByte('I');
            out.writeLong(integer.longValue());
        } else if (value instanceof COSFloat number) {
            // Read back as a float made from its value, which PDFBox writes as it writes the one kept
            // if that was made from its value too (as the font embedder and the layout make them).
            out.writeByte('F');
            out.writeFloat(number.floatValue());
        } else if (value instanceof COSString string) {
            out.writeByte('T');
            out.writeBoolean(string.getForceHexForm());
            writeBytes(out, string.getBytes());
        } else if (value instanceof COSBoolean bool) {
            out.writeByte('B');
            out.writeBoolean(bool.getValue());
        } else if (value == null || value instanceof COSNull) {
            out.writeByte('Z');
        } else {
            throw new IOException("cannot keep an object of type " + value.getClass().getSimpleName());
        }
    }

    private static void writeEntries(DataOutputStream out, COSDictionary dictionary, Set<COSBase> met) throws IOException {
        out.writeInt(dictionary.size());
        for (Map.Entry<COSName, COSBase> entry : dictionary.entrySet()) {
            writeBytes(out, entry.getKey().getName().getBytes(StandardCharsets.UTF_8));
            write(out, entry.getValue(), met);
        }
    }

    private static COSBase read(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("nested too deep");
        }
        int kind = in.readUnsignedByte();
        switch (kind) {
            case 'S' -> {
                COSStream stream = new COSStream();
                readEntries(in, stream, depth);
                byte[] data = readBytes(in);
                try (OutputStream raw = stream.createRawOutputStream()) {
                    raw.write(data);
                }
                return stream;
            }
            case 'D' -> {
                COSDictionary dictionary = new COSDictionary();
                dictionary.setDirect(in.readBoolean());
                readEntries(in, dictionary, depth);
                return dictionary;
            }
            case 'A' -> {
                int size = count(in);
                COSArray array = new COSArray();
                for (int i = 0; i < size; i++) {
                    array.add(read(in, depth + 1));
                }
                return array;
            }
            case 'N' -> {
                return COSName.getPDFName(new String(readBytes(in), StandardCharsets.UTF_8));
            }
            case 'I' -> {
                return COSInteger.get(in.readLong());
            }
            case 'F' -> {
                return new COSFloat(in.readFloat());
            }
            case 'T' -> {
                boolean hex = in.readBoolean();
                COSString string = new COSString(readBytes(in));
                string.setForceHexForm(hex);
                return string;
            }
            case 'B' -> {
                return COSBoolean.getBoolean(in.readBoolean());
            }
            case 'Z' -> {
                return COSNull.NULL;
            }
            default -> throw new IOException("not a kept object: " + kind);
        }
    }

    private static void readEntries(DataInputStream in, COSDictionary dictionary, int depth) throws IOException {
        int size = count(in);
        Set<COSName> keys = new HashSet<>();
        for (int i = 0; i < size; i++) {
            COSName key = COSName.getPDFName(new String(readBytes(in), StandardCharsets.UTF_8));
            // (not the dictionary's own keys: a new stream has a /Length already)
            if (!keys.add(key)) {
                throw new IOException("a key twice: " + key.getName());
            }
            dictionary.setItem(key, read(in, depth + 1));
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = count(in);
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException();
        }
        return bytes;
    }

    /** A count that the rest of the bytes can hold (each counted item takes at least one byte). */
    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
            throw new IOException("a count of " + count + " with " + in.available() + " bytes left");
        }
        return count;
    }
}
