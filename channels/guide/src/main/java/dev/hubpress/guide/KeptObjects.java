package dev.hubpress.guide;

import dev.hubpress.core.cache.CachedEntries;
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
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
            CachedEntries.writeBytes(out, data);
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
            CachedEntries.writeText(out, name.getName());
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
            CachedEntries.writeBytes(out, string.getBytes());
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
            CachedEntries.writeText(out, entry.getKey().getName());
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
                byte[] data = CachedEntries.readBytes(in);
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
                int size = CachedEntries.readCount(in, 1);
                COSArray array = new COSArray();
                for (int i = 0; i < size; i++) {
                    array.add(read(in, depth + 1));
                }
                return array;
            }
            case 'N' -> {
                return COSName.getPDFName(CachedEntries.readText(in));
            }
            case 'I' -> {
                return COSInteger.get(in.readLong());
            }
            case 'F' -> {
                return new COSFloat(in.readFloat());
            }
            case 'T' -> {
                boolean hex = in.readBoolean();
                COSString string = new COSString(CachedEntries.readBytes(in));
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
        int size = CachedEntries.readCount(in, 1);
        Set<COSName> keys = new HashSet<>();
        for (int i = 0; i < size; i++) {
            COSName key = COSName.getPDFName(CachedEntries.readText(in));
            // (not the dictionary's own keys: a new stream has a /Length already)
            if (!keys.add(key)) {
                throw new IOException("a key twice: " + key.getName());
            }
            dictionary.setItem(key, read(in, depth + 1));
        }
    }
}
