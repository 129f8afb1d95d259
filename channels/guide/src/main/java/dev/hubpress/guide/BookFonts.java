package dev.hubpress.guide;

import dev.hubpress.core.content.Hashing;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.BitSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The book's fonts: one subset of each bundled face for the whole book, in place of the subset of
 * it that each source (a part, a piece of front matter) embeds. Each part is laid out, and kept, on
 * its own, so each carries its own subsets: 65 of them made half the real hub's book (403 of 773 KB).
 * The glyphs a part draws do not depend on its subset: PDFBox writes the full face's glyph ids
 * into the content streams (Identity-H) and maps them to the subset's by the font's CIDToGIDMap. So
 * a page can take the book's font of that face instead, as long as the book's subset holds every
 * glyph some page draws.
 *
 * <p>Each face's font in the book is a dictionary numbered when the book starts ({@link
 * BookWriter#defer}), whatever its glyphs: a source bound once names it by that number and is the
 * same bytes in the next book ({@link Binding#reuse}). Its contents are made at the end, from the
 * glyphs of every source ({@link #finish}); a face no page uses leaves its number free. A font
 * that is not one of the bundled faces as PDFBox subsets them (another encoding, no CIDToGIDMap)
 * stays the source's own, as does a font named only inside a form (none of the guide's today).
 *
 * <p>A face's font is kept once made ({@link Kept}), by the glyphs it holds: an edit seldom draws
 * a glyph the book did not, and making one is parsing the face and subsetting it again.
 */
final class BookFonts {

    /**
     * Where a book's fonts are kept once made, by {@link #key}: the face and the glyphs. A value
     * is what {@link #encode} wrote; one that does not read back is made again, never trusted.
     */
    interface Kept {
        /** The font kept under the key, if any. */
        Optional<byte[]> get(String key);

        /** Keeps a font made now under its key. */
        void put(String key, byte[] font);

        /** Reads what is kept now, ahead of the book's end (from a store, a round trip). */
        default void read() {
        }

        /** Keeps nothing: every font is made. */
        Kept NONE = new Kept() {
            @Override
            public Optional<byte[]> get(String key) {
                return Optional.empty();
            }

            @Override
            public void put(String key, byte[] font) {
            }
        };
    }

    private static final COSName CID_FONT_TYPE2 = COSName.getPDFName("CIDFontType2");
    private static final COSName IDENTITY_H = COSName.getPDFName("Identity-H");

    private final BookWriter writer;
    private final Kept kept;
    /** The book's font of each face, by its index in {@link GuideFonts#FACES}: empty until {@link #finish}. */
    private final COSDictionary[] fonts = new COSDictionary[GuideFonts.FACES.size()];
    private final Set<COSDictionary> own = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The glyphs (full-face ids) some page of the book draws, by face. */
    private final BitSet[] used = new BitSet[GuideFonts.FACES.size()];
    /** The open source's fonts met so far: the face each one is (-1: not one to replace). */
    private final Map<COSDictionary, Integer> faces = new IdentityHashMap<>();
    /** The open source's glyphs, by face. */
    private Map<Integer, BitSet> source = new TreeMap<>();

    BookFonts(BookWriter writer, Kept kept) {
        this.writer = writer;
        this.kept = kept;
        for (int i = 0; i < fonts.length; i++) {
            fonts[i] = new COSDictionary();
            own.add(fonts[i]);
            used[i] = new BitSet();
            writer.defer(fonts[i]);
        }
    }

    /** Gives a page of the open source the book's font of each bundled face its resources name. */
    void take(COSDictionary resources) throws IOException {
        COSDictionary named = resources.getCOSDictionary(COSName.FONT);
        if (named == null) {
            return;
        }
        for (COSName name : List.copyOf(named.keySet())) {
            if (!(named.getDictionaryObject(name) instanceof COSDictionary font) || own.contains(font)) {
                continue;
            }
            Integer face = faces.get(font);
            if (face == null) {
                face = face(font);
                faces.put(font, face);
            }
            if (face >= 0) {
                named.setItem(name, fonts[face]);
            }
        }
    }

    /** The open source's glyphs by face, for it to be bound again ({@link Binding.Bound#glyphs}); the next source starts. */
    Map<Integer, BitSet> endSource() {
        Map<Integer, BitSet> glyphs = source;
        source = new TreeMap<>();
        faces.clear();
        return glyphs;
    }

    /** The book's font of a bundled face, for what the book draws itself (its footers) to name. */
    COSDictionary of(GuideFonts.Face face) {
        return fonts[GuideFonts.FACES.indexOf(face)];
    }

    /** Glyphs (the face's own ids) that the book draws itself in its font of that face. */
    void draws(GuideFonts.Face face, BitSet glyphs) {
        used[GuideFonts.FACES.indexOf(face)].or(glyphs);
    }

    /** A source bound again as before: its glyphs are the book's too. */
    void add(Map<Integer, BitSet> glyphs) {
        glyphs.forEach((face, ids) -> used[face].or(ids));
    }

    /**
     * Which bundled face this font of a source is, after adding the glyphs it holds to the book's
     * and the source's; -1 for a font that keeps its own subset.
     */
    private int face(COSDictionary font) throws IOException {
        if (!COSName.TYPE0.equals(font.getCOSName(COSName.SUBTYPE)) || !IDENTITY_H.equals(font.getCOSName(COSName.ENCODING))
                || !(font.getDictionaryObject(COSName.DESCENDANT_FONTS) instanceof COSArray descendants)
                || descendants.size() != 1 || !(descendants.getObject(0) instanceof COSDictionary cidFont)
                || !CID_FONT_TYPE2.equals(cidFont.getCOSName(COSName.SUBTYPE))
                || !(cidFont.getDictionaryObject(COSName.CID_TO_GID_MAP) instanceof COSStream map)) {
            return -1;
        }
        int face = GuideFonts.FACES.indexOf(GuideFonts.byPostScriptName(baseName(font.getNameAsString(COSName.BASE_FONT))));
        if (face < 0) {
            return -1;
        }
        BitSet glyphs = new BitSet();
        glyphs.set(0);
        byte[] cidToGid;
        try (InputStream in = map.createInputStream()) {
            cidToGid = in.readAllBytes();
        }
        for (int cid = 0; 2 * cid + 1 < cidToGid.length; cid++) {
            if (cidToGid[2 * cid] != 0 || cidToGid[2 * cid + 1] != 0) {
                glyphs.set(cid);
            }
        }
        used[face].or(glyphs);
        source.computeIfAbsent(face, f -> new BitSet()).or(glyphs);
        return face;
    }

    /** A font's name without its subset tag ("ABCDEF+NotoSerif-Regular"). */
    static String baseName(String baseFont) {
        if (baseFont == null) {
            return "";
        }
        return baseFont.length() > 7 && baseFont.charAt(6) == '+' ? baseFont.substring(7) : baseFont;
    }

    /**
     * Gives each face's font its objects: a subset of the face holding every glyph some page draws,
     * embedded in {@code book} as PDFBox embeds a subset (same CIDs, widths and ToUnicode from the
     * face), or the same objects as kept from an earlier book; frees the number of a face no page uses.
     */
    void finish(PDDocument book) throws IOException {
        for (int i = 0; i < fonts.length; i++) {
            if (used[i].isEmpty()) {
                writer.release(fonts[i]);
                continue;
            }
            GuideFonts.Face face = GuideFonts.FACES.get(i);
            String key = key(face, used[i]);
            Optional<COSDictionary> before = kept.get(key).flatMap(BookFonts::decode);
            COSDictionary font = before.isPresent() ? before.get() : make(book, face, used[i]);
            if (before.isEmpty()) {
                keep(key, font);
            }
            fonts[i].addAll(font);
        }
    }

    /** Keeps a font made now; one whose objects cannot be kept (were PDFBox to share one) is made again next time. */
    private void keep(String key, COSDictionary font) {
        try {
            kept.put(key, encode(font));
        } catch (IOException notKept) {
            // nothing kept: the book has its font all the same
        }
    }

    /** What a face's font is made from: the face (its bytes are the code's, in the cache's version) and the glyphs. */
    static String key(GuideFonts.Face face, BitSet glyphs) {
        return face.file() + " " + Hashing.sha256Hex(glyphs.toByteArray());
    }

    /** A subset of the face holding the glyphs, embedded in the document as PDFBox embeds one. */
    static COSDictionary make(PDDocument book, GuideFonts.Face face, BitSet glyphs) throws IOException {
        // Parsed from the face's bytes as they are (no copy); subsetting closes the parse.
        PDType0Font font = PDType0Font.load(book, new TTFParser().parse(new RandomAccessReadBuffer(GuideFonts.bytes(face))), true);
        Set<Integer> ids = new HashSet<>();
        glyphs.stream().forEach(ids::add);
        font.addGlyphsToSubset(ids);
        font.subset();
        return font.getCOSObject();
    }

    /**
     * A font's objects as bytes ({@link KeptObjects}), so that the book writes what {@link #decode}
     * gives back as the same bytes as the font itself.
     */
    static byte[] encode(COSDictionary font) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 14);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(ENCODING);
            KeptObjects.write(out, font);
        }
        return bytes.toByteArray();
    }

    /** The font {@link #encode} wrote, as new objects; empty when the bytes are not such a font. */
    static Optional<COSDictionary> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != ENCODING || !(KeptObjects.read(in) instanceof COSDictionary font) || font instanceof COSStream
                    || in.read() != -1) {
                return Optional.empty();
            }
            return Optional.of(font);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Changed whenever {@link #encode}'s bytes change meaning. */
    private static final int ENCODING = 0x464f4e31; // "FON1"
}
