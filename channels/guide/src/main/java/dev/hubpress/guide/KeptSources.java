package dev.hubpress.guide;

import dev.hubpress.core.cache.CachedEntries;
import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.port.RenderCache;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bound sources of the books a render made, kept for the next render in the render cache, a
 * shelf to an object (a book's parts of one section, or its front matter; checked as every cached
 * value is): a book costs a read per shelf and a write per shelf it changed, not a request per part
 * (a 1,000-page hub's book has 125 parts, its sections eight). A shelf keeps what its last book
 * found or put on it, and nothing else, so it does not grow with edits. Nothing is kept in memory
 * between renders: a 10,000-page hub's books are some 340 MB bound. With {@link RenderCache#NONE}
 * nothing is kept, and every source is bound each time. Each book's fonts ({@link BookFonts}) are
 * kept the same way, on a shelf of their own.
 */
final class KeptSources implements GuideBook.Kept {

    private final RenderCache cache;
    private final Optional<String> version;
    /** The shelves of the books being bound, by cache name. */
    private final Map<String, OpenShelf> open = new ConcurrentHashMap<>();
    /** The fonts of the books being bound ({@link BookFonts.Kept}), by book. */
    private final Map<String, CachedEntries<byte[]>> fonts = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong copied = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong fontsMade = new java.util.concurrent.atomic.AtomicLong();

    /** A shelf being read and filled by a book's binding (unlike a render's {@link Shelf}, nothing is computed on it). */
    private record OpenShelf(String book, CachedEntries<GuideBook.BoundSource> entries) {
    }

    KeptSources(RenderCache cache, Optional<String> version) {
        this.cache = cache;
        this.version = version;
    }

    @Override
    public Optional<GuideBook.BoundSource> get(String book, String shelf, String key) {
        return shelf(book, shelf).find(key);
    }

    @Override
    public void put(String book, String shelf, String key, GuideBook.BoundSource source) {
        shelf(book, shelf).put(key, source);
    }

    @Override
    public void done(String book, String shelf) {
        OpenShelf open = this.open.remove(name(book, shelf));
        if (open != null) {
            open.entries().endRound();
        }
    }

    @Override
    public BookFonts.Kept fonts(String book) {
        CachedEntries<byte[]> shelf = fonts.computeIfAbsent(book,
                b -> new CachedEntries<>(cache, "guide-fonts-" + Hashing.sha256Hex(b).substring(0, 52), version, FONT));
        return new BookFonts.Kept() {
            @Override
            public Optional<byte[]> get(String key) {
                return shelf.find(key);
            }

            @Override
            public void put(String key, byte[] font) {
                fontsMade.incrementAndGet();
                shelf.put(key, font);
            }

            @Override
            public void read() {
                shelf.load();
            }
        };
    }

    @Override
    public void done(String book) {
        CachedEntries<byte[]> bookFonts = fonts.remove(book);
        if (bookFonts != null) {
            bookFonts.endRound();
        }
        open.entrySet().removeIf(e -> {
            if (!e.getValue().book().equals(book)) {
                return false;
            }
            e.getValue().entries().endRound();
            return true;
        });
    }

    @Override
    public void copied() {
        copied.incrementAndGet();
    }

    /** How many sources were copied into books so far. */
    long copies() {
        return copied.get();
    }

    /** How many books' fonts were made (not found kept) so far. */
    long fontsMade() {
        return fontsMade.get();
    }

    private CachedEntries<GuideBook.BoundSource> shelf(String book, String shelf) {
        String name = name(book, shelf);
        return open.computeIfAbsent(name, n -> new OpenShelf(book, new CachedEntries<>(cache, n, version, CODEC))).entries();
    }

    /** The cache name of a book's shelf ("" the whole book; "" the front matter's shelf, else a section's). */
    static String name(String book, String shelf) {
        return "guide-bound-" + Hashing.sha256Hex(book + "\n" + shelf).substring(0, 52);
    }

    /** How a book's font ({@link BookFonts#encode}) is written into the render cache and read back. */
    static final CachedEntries.Codec<byte[]> FONT = new CachedEntries.Codec<>() {
        @Override
        public void write(DataOutputStream out, byte[] font) throws IOException {
            CachedEntries.writeBytes(out, font);
        }

        @Override
        public byte[] read(DataInputStream in) throws IOException {
            return CachedEntries.readBytes(in);
        }
    };

    /** How a bound source is written into the render cache and read back. */
    static final CachedEntries.Codec<GuideBook.BoundSource> CODEC = new CachedEntries.Codec<>() {
        @Override
        public void write(DataOutputStream out, GuideBook.BoundSource source) throws IOException {
            Binding.Bound bound = source.bound();
            BookWriter.Captured objects = bound.objects();
            out.writeInt(objects.base());
            out.writeInt(objects.used());
            // One block: a bound part has thousands of entries, a stream's call each was most of reading one back.
            java.nio.ByteBuffer table = java.nio.ByteBuffer.allocate(12 * objects.used());
            for (int i = 0; i < objects.used(); i++) {
                table.putInt(objects.kinds()[i]).putLong(objects.fields()[i]);
            }
            out.write(table.array());
            CachedEntries.writeBytes(out, objects.bytes());
            writeInts(out, bound.pageNumbers());
            out.writeInt(bound.boxes().size());
            for (float f : bound.boxes()) {
                out.writeFloat(f);
            }
            writeInts(out, bound.footers());
            writeInts(out, bound.kids());
            writeInts(out, bound.treeKeys());
            writeInts(out, bound.treeValues());
            out.writeInt(bound.ids().size());
            for (Map.Entry<String, Integer> e : bound.ids().entrySet()) {
                CachedEntries.writeText(out, e.getKey());
                out.writeInt(e.getValue());
            }
            writeTexts(out, bound.roles());
            writeMarks(out, bound.marks());
            out.writeInt(bound.keys());
            out.writeInt(bound.glyphs().size());
            for (Map.Entry<Integer, java.util.BitSet> e : bound.glyphs().entrySet()) {
                out.writeInt(e.getKey());
                long[] words = e.getValue().toLongArray();
                out.writeInt(words.length);
                for (long word : words) {
                    out.writeLong(word);
                }
            }
            writeTexts(out, source.links());
        }

        @Override
        public GuideBook.BoundSource read(DataInputStream in) throws IOException {
            int base = in.readInt();
            int used = CachedEntries.readCount(in, 12);
            byte[] block = new byte[12 * used];
            in.readFully(block);
            java.nio.ByteBuffer table = java.nio.ByteBuffer.wrap(block);
            int[] kinds = new int[used];
            long[] fields = new long[used];
            for (int i = 0; i < used; i++) {
                kinds[i] = table.getInt();
                fields[i] = table.getLong();
            }
            byte[] bytes = CachedEntries.readBytes(in);
            List<Integer> pageNumbers = readInts(in);
            int boxCount = CachedEntries.readCount(in, 4);
            List<Float> boxes = new ArrayList<>(boxCount);
            for (int i = 0; i < boxCount; i++) {
                boxes.add(in.readFloat());
            }
            List<Integer> footers = readInts(in);
            List<Integer> kids = readInts(in);
            List<Integer> treeKeys = readInts(in);
            List<Integer> treeValues = readInts(in);
            int idCount = CachedEntries.readCount(in, 8);
            Map<String, Integer> ids = new TreeMap<>();
            for (int i = 0; i < idCount; i++) {
                ids.put(CachedEntries.readText(in), in.readInt());
            }
            Map<String, String> roles = readTexts(in);
            List<Binding.Mark> marks = readMarks(in);
            int keys = in.readInt();
            int faces = CachedEntries.readCount(in, 8);
            Map<Integer, java.util.BitSet> glyphs = new TreeMap<>();
            for (int i = 0; i < faces; i++) {
                int face = in.readInt();
                long[] words = new long[CachedEntries.readCount(in, 8)];
                for (int w = 0; w < words.length; w++) {
                    words[w] = in.readLong();
                }
                java.util.BitSet drawn = java.util.BitSet.valueOf(words);
                // a glyph id is two bytes (Identity-H)
                if (face < 0 || face >= GuideFonts.FACES.size() || drawn.length() > 1 << 16 || glyphs.put(face, drawn) != null) {
                    throw new IOException("not a bound source: glyphs of face " + face);
                }
            }
            Map<String, String> links = readTexts(in);
            if (base < Binding.FIRST_SOURCE || boxes.size() != 4 * pageNumbers.size() || footers.size() != pageNumbers.size()
                    || treeKeys.size() != treeValues.size() || keys < 0) {
                throw new IOException("not a bound source");
            }
            Binding.Bound bound = new Binding.Bound(new BookWriter.Captured(base, bytes, fields, kinds), pageNumbers, boxes,
                    footers, kids, treeKeys, treeValues, ids, roles, marks, keys, glyphs);
            return new GuideBook.BoundSource(bound, links);
        }
    };


    private static void writeInts(DataOutputStream out, List<Integer> values) throws IOException {
        out.writeInt(values.size());
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static List<Integer> readInts(DataInputStream in) throws IOException {
        int n = CachedEntries.readCount(in, 4);
        List<Integer> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readInt());
        }
        return List.copyOf(values);
    }

    private static void writeTexts(DataOutputStream out, Map<String, String> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
            CachedEntries.writeText(out, e.getKey());
            CachedEntries.writeText(out, e.getValue());
        }
    }

    private static Map<String, String> readTexts(DataInputStream in) throws IOException {
        int n = CachedEntries.readCount(in, 8);
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            values.put(CachedEntries.readText(in), CachedEntries.readText(in));
        }
        return values;
    }

    private static void writeMarks(DataOutputStream out, List<Binding.Mark> marks) throws IOException {
        out.writeInt(marks.size());
        for (Binding.Mark mark : marks) {
            CachedEntries.writeBytes(out, mark.title());
            out.writeInt(mark.page());
            out.writeInt(mark.at().size());
            for (COSBase value : mark.at()) {
                // a destination's values: a name and numbers; anything else is kept as null, as PDF readers take it
                KeptObjects.write(out, value instanceof COSName || value instanceof COSInteger || value instanceof COSFloat
                        ? value : COSNull.NULL);
            }
            out.writeInt(mark.count());
            writeMarks(out, mark.kids());
        }
    }

    private static List<Binding.Mark> readMarks(DataInputStream in) throws IOException {
        int n = CachedEntries.readCount(in, 16);
        List<Binding.Mark> marks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] title = CachedEntries.readBytes(in);
            int page = in.readInt();
            int values = CachedEntries.readCount(in, 1);
            List<COSBase> at = new ArrayList<>(values);
            for (int j = 0; j < values; j++) {
                COSBase value = KeptObjects.read(in);
                if (!(value instanceof COSName || value instanceof COSInteger || value instanceof COSFloat || value instanceof COSNull)) {
                    throw new IOException("not a bookmark's destination");
                }
                at.add(value);
            }
            int count = in.readInt();
            marks.add(new Binding.Mark(title, page, List.copyOf(at), count, readMarks(in)));
        }
        return List.copyOf(marks);
    }
}
