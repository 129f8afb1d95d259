package dev.hubpress.guide;

import dev.hubpress.core.cache.CachedEntries;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * One part of the book as the layout engine made it: a tagged PDF of its chapters with their
 * bookmarks, its page count, and where each anchor landed (for the table of contents and for links
 * from other parts). It holds nothing that depends on its place in the book, so it can be kept and
 * reused in any book that holds it.
 *
 * <p>Its PDF is kept deflated, in the cache and in a temporary file rather than on the heap
 * ({@link SpilledBytes}): a part is read only to be bound, and a 10,000-page hub's parts are
 * 715 MB as written (objects at offsets, for cheap reading) and about 200 MB deflated.
 *
 * @param packed  the part's PDF (no footer, no metadata: those are the book's), deflated
 * @param pages   its page count
 * @param anchors every element id of its chapters ({@code p-…}) and where it is printed
 */
record RenderedPart(SpilledBytes packed, int pages, Map<String, Anchor> anchors) {

    RenderedPart {
        anchors = Map.copyOf(anchors);
    }

    /** A part of these deflated bytes (kept in a temporary file, {@link SpilledBytes}). */
    RenderedPart(byte[] packed, int pages, Map<String, Anchor> anchors) {
        this(SpilledBytes.of(packed), pages, anchors);
    }

    /** A part as the layout engine wrote it. */
    static RenderedPart laidOut(byte[] pdf, int pages, Map<String, Anchor> anchors) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length / 2 + 64);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DeflaterOutputStream stream = new DeflaterOutputStream(out, deflater)) {
            stream.write(pdf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return new RenderedPart(out.toByteArray(), pages, anchors);
    }

    /** The part's PDF. */
    byte[] pdf() {
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(packed.read()))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("a laid-out part does not inflate", e);
        }
    }

    /**
     * Where an anchor is printed.
     *
     * @param page its page in the part, from 0
     * @param top  the top of its box, in PDF user space (points from the bottom of the page)
     */
    record Anchor(int page, float top) {
    }

    /** How a part is written into the render cache and read back. */
    static final CachedEntries.Codec<RenderedPart> CODEC = new CachedEntries.Codec<>() {
        @Override
        public void write(DataOutputStream out, RenderedPart part) throws IOException {
            out.writeInt(part.pages());
            Map<String, Anchor> sorted = new TreeMap<>(part.anchors());
            out.writeInt(sorted.size());
            for (Map.Entry<String, Anchor> e : sorted.entrySet()) {
                CachedEntries.writeText(out, e.getKey());
                out.writeInt(e.getValue().page());
                out.writeFloat(e.getValue().top());
            }
            byte[] packed = part.packed().read();
            out.writeInt(packed.length);
            out.write(packed);
        }

        @Override
        public RenderedPart read(DataInputStream in) throws IOException {
            int pages = in.readInt();
            int count = in.readInt();
            if (pages < 1 || count < 0 || count > in.available()) {
                throw new IOException("not a guide part");
            }
            Map<String, Anchor> anchors = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                String id = CachedEntries.readText(in);
                int page = in.readInt();
                float top = in.readFloat();
                if (page < 0 || page >= pages) {
                    throw new IOException("anchor " + id + " on page " + page + " of " + pages);
                }
                anchors.put(id, new Anchor(page, top));
            }
            int length = in.readInt();
            if (length < 0 || length > in.available()) {
                throw new IOException("a part of " + length + " bytes where " + in.available() + " are left");
            }
            byte[] packed = new byte[length];
            in.readFully(packed);
            return new RenderedPart(packed, pages, anchors);
        }
    };
}
