package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNull;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds laid-out PDFs into one book, writing each source's objects as it comes and forgetting
 * them, so a book of any length is bound in the memory of its largest source. The first source
 * (the front matter) gives the book its catalog and structure tree root; each source's pages are
 * the book's pages as they are (their dictionaries, content streams, fonts and annotations copied
 * once, by {@link BookWriter}); what must become one is merged by hand: the structure trees (each
 * source's top elements reparented under the book's one Document element, its StructParent(s)
 * numbers moved past the book's and its parent tree, IDs, role and class maps added to the book's)
 * and the outlines (each source's bookmarks appended to the book's).
 *
 * <p>Each source is numbered in a range of its own, from a base that depends only on how many
 * numbers the sources before it took (rounded up, {@link #capacity}), and refers to nothing of
 * another source: its pages' parent, the footer's font and the Document element are the book's
 * own objects, numbered first; links between pages are named destinations, which the book's name
 * tree resolves; bookmarks and the parent tree are the book's, written last. So a source bound
 * into one book is the same bytes in the next book that has it at the same base ({@link Bound},
 * {@link #reuse}): an edit binds again only the parts it changed. Use: {@link #open} a source,
 * change its pages (links, {@link #foot footers}), {@link #write} it, close it; or {@link #reuse}
 * one bound before; then {@link #finish}.
 */
final class Binding {

    /** The first number of the first source: the book's own objects (among them a font per bundled face) are numbered below it. */
    static final int FIRST_SOURCE = 32;

    private static final COSName DOCUMENT = COSName.getPDFName("Document");
    private static final COSName XYZ = COSName.getPDFName("XYZ");
    private static final COSName ID_TREE = COSName.getPDFName("IDTree");
    private static final COSName ROLE_MAP = COSName.getPDFName("RoleMap");
    private static final COSName CLASS_MAP = COSName.getPDFName("ClassMap");
    private static final COSName PARENT_TREE_NEXT_KEY = COSName.getPDFName("ParentTreeNextKey");

    private final BookWriter writer;
    private final BookFonts fonts;
    private final PDDocument front;
    private final COSDictionary catalog;
    private final COSDictionary root;
    private final COSDictionary document;
    /** How children name the Document element: the reference the front matter's tree holds. */
    private final COSBase documentRef;
    private final COSDictionary pageTree = new COSDictionary();
    private final int pages;
    /** The object number of each page bound so far, in book order. */
    private final List<Integer> pageNumbers = new ArrayList<>();
    private final COSArray documentKids = new COSArray();
    private final Map<Integer, COSBase> parentTree = new TreeMap<>();
    private final Map<String, COSBase> ids = new TreeMap<>();
    private final COSDictionary outline = new COSDictionary();
    /** The book's top-level bookmarks, their pages counted in the book. */
    private final List<Mark> marks = new ArrayList<>();
    private int nextKey;
    private int nextBase = FIRST_SOURCE;
    /** The source open now, written by {@link #write}. */
    private Opened opened;

    /**
     * A bookmark: its title (a PDF string's bytes), its page (from 0, in its source or in the book),
     * the rest of its destination after the page ({@code /XYZ left top zoom}), its /Count (0: none)
     * and its children.
     */
    record Mark(byte[] title, int page, List<COSBase> at, int count, List<Mark> kids) {

        Mark moved(int by) {
            return new Mark(title, page + by, at, count, kids.stream().map(k -> k.moved(by)).toList());
        }
    }

    private record Opened(List<PDPage> pages, List<Integer> pageNumbers, COSStream[] footers,
                          int[] footerNumbers, List<COSBase> children, Map<Integer, COSBase> tree, Map<String, COSBase> ids,
                          Map<String, String> roles, boolean kept, List<Mark> marks, int keys, BookWriter.Source source) {
    }

    /**
     * A source as bound at a base: its objects' bytes, and what the book's own objects name of it
     * (numbers, all absolute: valid at that base only).
     *
     * @param pageNumbers each page's object number
     * @param boxes       each page's media box (lower left x, y, width, height), for its footer
     * @param footers     each page's footer's number, -1 for a page without one (the cover)
     * @param kids        its top structure elements
     * @param treeKeys    its parent tree's keys (moved to the base) …
     * @param treeValues  … and their values' numbers
     * @param ids         its structure elements' IDs and their numbers
     * @param roles       its role map
     * @param marks       its bookmarks, pages counted in the source
     * @param keys        how many parent tree keys it takes from the base
     * @param glyphs      the glyphs its pages draw in the book's fonts ({@link BookFonts}), by face
     */
    record Bound(BookWriter.Captured objects, List<Integer> pageNumbers, List<Float> boxes, List<Integer> footers,
                 List<Integer> kids, List<Integer> treeKeys, List<Integer> treeValues, Map<String, Integer> ids,
                 Map<String, String> roles, List<Mark> marks, int keys, Map<Integer, java.util.BitSet> glyphs) {

        int base() {
            return objects.base();
        }

        int pages() {
            return pageNumbers.size();
        }
    }

    /**
     * Starts a book of this many pages from its front matter, whose catalog and structure tree root
     * become the book's; the front stays open until {@link #finish}. The book's fonts, once made, are
     * kept in {@code fonts} for the next book ({@link BookFonts}; {@link BookFonts.Kept#NONE} keeps none).
     */
    Binding(PDDocument front, int pages, OutputStream out, BookFonts.Kept fonts) throws IOException {
        this.front = front;
        this.pages = pages;
        this.writer = new BookWriter(BookWriter.Packing.OBJECT_STREAMS, out);
        this.catalog = front.getDocumentCatalog().getCOSObject();
        COSDictionary structure = catalog.getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure == null) {
            throw new IllegalStateException("the front matter is not tagged");
        }
        this.root = structure;
        this.document = documentElement(structure);
        this.documentRef = reference(structure);
        pageTree.setItem(COSName.TYPE, COSName.PAGES);
        pageTree.setInt(COSName.COUNT, pages);
        outline.setItem(COSName.TYPE, COSName.OUTLINES);
        for (COSBase own : List.of(catalog, pageTree, root, document, outline)) {
            writer.defer(own);
        }
        this.fonts = new BookFonts(writer, fonts);
    }

    /** An object of the book itself (a font or stream many pages share): numbered now, below the sources, and written at the end. */
    void keep(COSBase object) {
        if (nextBase != FIRST_SOURCE || opened != null) {
            throw new IllegalStateException("the book's own objects are kept before its first source");
        }
        writer.defer(object);
    }

    /** The book's font of a bundled face ({@link BookFonts}), for what the book draws on its pages itself to name. */
    COSDictionary font(GuideFonts.Face face) {
        return fonts.of(face);
    }

    /** Glyphs (the face's own glyph ids) the book draws itself in its font of that face: its subset holds them. */
    void draws(GuideFonts.Face face, java.util.BitSet glyphs) {
        fonts.draws(face, glyphs);
    }

    /** The base the next source is bound at. */
    int nextBase() {
        return nextBase;
    }

    /**
     * How many numbers a source that uses this many takes: rounded up to an eighth of its order of
     * magnitude (at most an eighth more), so that an edit that adds a few objects to a part leaves
     * the base of every source after it, and so their bound bytes, as they were.
     */
    static int capacity(int used) {
        int step = Math.max(64, Integer.highestOneBit(Math.max(1, used)) / 8);
        return (used + step - 1) / step * step;
    }

    /**
     * Takes the next source's pages, structure and bookmarks into the book and returns its pages,
     * which may still be changed until {@link #write}.
     *
     * @param file the bytes the source was read from, when {@link BookWriter} wrote them with each
     *             object at its own offset (what the binding does not read is then copied from them),
     *             or null
     */
    List<PDPage> open(PDDocument source, byte[] file) throws IOException {
        if (opened != null) {
            throw new IllegalStateException("write the open source first");
        }
        int base = nextBase;
        writer.startSource(base);
        COSDictionary structure = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure == null) {
            throw new IllegalStateException("a part of the guide is not tagged");
        }
        Map<Integer, COSBase> tree = new TreeMap<>();
        Map<String, COSBase> sourceIds = new TreeMap<>();
        int keys = collect(structure, tree, sourceIds, base) - base;
        Set<COSBase> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        List<PDPage> sourcePages = new ArrayList<>();
        source.getPages().forEach(sourcePages::add);
        List<Integer> numbers = new ArrayList<>();
        Map<COSBase, Integer> pageIndex = new IdentityHashMap<>();
        for (PDPage page : sourcePages) {
            // Resolve what a page would inherit from the source's page tree, which the book does not hold.
            page.setMediaBox(page.getMediaBox());
            page.setCropBox(page.getCropBox());
            page.setResources(page.getResources());
            fonts.take(page.getResources().getCOSObject());
            shift(page.getCOSObject(), COSName.STRUCT_PARENTS, base, moved);
            for (PDAnnotation annotation : page.getAnnotations()) {
                shift(annotation.getCOSObject(), COSName.STRUCT_PARENT, base, moved);
            }
            COSDictionary xObjects = page.getResources().getCOSObject().getCOSDictionary(COSName.XOBJECT);
            if (xObjects != null) {
                for (COSName name : xObjects.keySet()) {
                    if (xObjects.getDictionaryObject(name) instanceof COSStream form) {
                        shift(form, COSName.STRUCT_PARENTS, base, moved);
                    }
                }
            }
            page.getCOSObject().setItem(COSName.PARENT, pageTree);
            pageIndex.put(page.getCOSObject(), numbers.size());
            numbers.add(writer.take(page.getCOSObject()));
        }
        int[] footerNumbers = new int[sourcePages.size()];
        java.util.Arrays.fill(footerNumbers, -1);
        List<COSBase> children = new ArrayList<>();
        COSDictionary sourceDocument = documentElement(structure);
        COSBase k = sourceDocument.getDictionaryObject(COSName.K);
        for (COSBase child : k instanceof COSArray array ? toList(array) : List.of(k)) {
            COSBase element = child instanceof COSObject o ? o.getObject() : child;
            if (element instanceof COSDictionary e) {
                e.setItem(COSName.P, documentRef);
            }
            children.add(child);
        }
        Map<String, String> roles = new TreeMap<>();
        boolean kept = true;
        if (structure != root) {
            kept = merge(structure, roles);
        }
        List<Mark> sourceMarks = bookmarks(source, pageIndex);
        opened = new Opened(sourcePages, numbers, new COSStream[sourcePages.size()], footerNumbers,
                children, tree, sourceIds, roles, kept, sourceMarks, keys, file == null ? null : new BookWriter.Source(file, source));
        pageNumbers.addAll(numbers);
        return sourcePages;
    }

    /**
     * Gives the open source's page at this index (from 0, in the source) a footer: a stream the
     * page's contents already name, written after the source's objects under a number of its own.
     */
    void foot(int index, COSStream footer) {
        if (opened.footers()[index] != null) {
            throw new IllegalStateException("page " + index + " has a footer");
        }
        int number = writer.reserve();
        writer.assign(footer, number);
        opened.footers()[index] = footer;
        opened.footerNumbers()[index] = number;
    }

    /**
     * Writes the open source's objects, then its footers; the source may be closed after. Returns
     * what binds it again at the same base, unless something of it cannot be copied so (a
     * structure element written in place, a class map).
     */
    Optional<Bound> write() throws IOException {
        List<COSBase> roots = new ArrayList<>(opened.children());
        for (COSBase value : opened.tree().values()) {
            // A page's entry is an array of the elements its marked content belongs to: written as an
            // object of its own now, so the book keeps one reference per page, not one per element.
            roots.add(value instanceof COSArray array ? new COSObject(array) : value);
        }
        roots.addAll(opened.ids().values());
        List<COSBase> standIns = writer.writeAll(roots, opened.source());
        BookWriter.Captured objects = writer.endSource();
        for (int i = 0; i < opened.footers().length; i++) {
            if (opened.footers()[i] != null) {
                writer.writeAt(opened.footerNumbers()[i], opened.footers()[i]);
            }
        }
        boolean kept = opened.kept() && standIns.stream().allMatch(BookWriter.Written.class::isInstance);
        int at = 0;
        List<Integer> kids = new ArrayList<>();
        for (int i = 0; i < opened.children().size(); i++) {
            COSBase standIn = standIns.get(at++);
            documentKids.add(standIn);
            kids.add(kept ? ((BookWriter.Written) standIn).number() : -1);
        }
        List<Integer> treeKeys = new ArrayList<>();
        List<Integer> treeValues = new ArrayList<>();
        for (Integer key : opened.tree().keySet()) {
            COSBase standIn = standIns.get(at++);
            parentTree.put(key, standIn);
            treeKeys.add(key);
            treeValues.add(kept ? ((BookWriter.Written) standIn).number() : -1);
        }
        Map<String, Integer> idNumbers = new TreeMap<>();
        for (String id : opened.ids().keySet()) {
            COSBase standIn = standIns.get(at++);
            ids.putIfAbsent(id, standIn);
            idNumbers.put(id, kept ? ((BookWriter.Written) standIn).number() : -1);
        }
        List<Float> boxes = new ArrayList<>();
        for (PDPage page : opened.pages()) {
            PDRectangle box = page.getMediaBox();
            boxes.addAll(List.of(box.getLowerLeftX(), box.getLowerLeftY(), box.getWidth(), box.getHeight()));
        }
        List<Integer> footers = java.util.Arrays.stream(opened.footerNumbers()).boxed().toList();
        Bound bound = new Bound(objects, opened.pageNumbers(), boxes, footers, kids, treeKeys, treeValues, idNumbers,
                opened.roles(), opened.marks(), opened.keys(), fonts.endSource());
        added(bound);
        opened = null;
        return kept ? Optional.of(bound) : Optional.empty();
    }

    /**
     * Binds a source as it was bound before at the base the book has reached (a {@link Bound} from
     * {@link #write} with {@code base() == nextBase()}): its bytes copied, its footers (which name
     * the page's place in this book) made by {@code footers} from the page's index in the book and
     * its media box, or left out where it returns null.
     */
    void reuse(Bound bound, Footers footers) throws IOException {
        if (opened != null || bound.base() != nextBase) {
            throw new IllegalStateException("a source bound at " + bound.base() + " is reused at " + nextBase);
        }
        writer.reuse(bound.objects());
        fonts.add(bound.glyphs());
        int first = pageNumbers.size();
        for (int i = 0; i < bound.pages(); i++) {
            int number = bound.footers().get(i);
            List<Float> box = bound.boxes().subList(4 * i, 4 * i + 4);
            COSStream footer = footers.footer(first + i, new PDRectangle(box.get(0), box.get(1), box.get(2), box.get(3)));
            if ((number < 0) != (footer == null)) {
                throw new IllegalStateException("page " + (first + i) + " had a footer and has none now, or the other way round");
            }
            if (footer != null) {
                writer.writeAt(number, footer);
            }
        }
        pageNumbers.addAll(bound.pageNumbers());
        bound.kids().forEach(n -> documentKids.add(BookWriter.Written.of(n)));
        for (int i = 0; i < bound.treeKeys().size(); i++) {
            parentTree.put(bound.treeKeys().get(i), BookWriter.Written.of(bound.treeValues().get(i)));
        }
        bound.ids().forEach((id, n) -> ids.putIfAbsent(id, BookWriter.Written.of(n)));
        if (!bound.roles().isEmpty()) {
            COSDictionary mine = roleMap();
            bound.roles().forEach((from, to) -> {
                if (!mine.containsKey(COSName.getPDFName(from))) {
                    mine.setItem(COSName.getPDFName(from), COSName.getPDFName(to));
                }
            });
        }
        added(bound);
    }

    /** How a reused source's footers are made: the footer of the page at this index of the book, null for none. */
    interface Footers {
        COSStream footer(int index, PDRectangle box) throws IOException;
    }

    /** The book has the source: its bookmarks, keys and numbers counted. */
    private void added(Bound bound) {
        int first = pageNumbers.size() - bound.pages();
        bound.marks().forEach(mark -> marks.add(mark.moved(first)));
        nextKey = Math.max(nextKey, bound.base() + bound.keys());
        nextBase = bound.base() + capacity(Math.max(bound.objects().used(), bound.keys()));
    }

    /**
     * Reads what {@link #open} and the book's links will read of a source (its structure tree's
     * parent and ID trees and top elements, its pages with what they inherit, their annotations,
     * actions and forms, its bookmarks) and nothing more: done on another thread while the previous
     * source is bound, the binding then finds them parsed. What the binding does not read is copied
     * from the source's bytes, so reading more here would only make the book slower to write.
     * Changes nothing.
     */
    static void readAhead(PDDocument source) throws IOException {
        COSDictionary structure = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure != null) {
            collect(structure, new TreeMap<>(), new TreeMap<>(), 0);
            COSBase k = documentElement(structure).getDictionaryObject(COSName.K);
            if (k instanceof COSArray array) {
                toList(array).forEach(child -> {
                    if (child instanceof COSObject o) {
                        o.getObject();
                    }
                });
            }
        }
        for (PDPage page : source.getPages()) {
            page.getMediaBox();
            page.getCropBox();
            COSDictionary resources = page.getResources().getCOSObject();
            page.getCOSObject().getDictionaryObject(COSName.STRUCT_PARENTS);
            for (PDAnnotation annotation : page.getAnnotations()) {
                annotation.getCOSObject().getDictionaryObject(COSName.STRUCT_PARENT);
                annotation.getCOSObject().getDictionaryObject(COSName.A);
            }
            COSDictionary xObjects = resources.getCOSDictionary(COSName.XOBJECT);
            if (xObjects != null) {
                for (COSName name : xObjects.keySet()) {
                    if (xObjects.getDictionaryObject(name) instanceof COSStream form) {
                        form.getDictionaryObject(COSName.STRUCT_PARENTS);
                    }
                }
            }
        }
        COSDictionary sourceOutline = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.OUTLINES);
        if (sourceOutline != null) {
            readBookmarks(sourceOutline.getCOSDictionary(COSName.FIRST));
        }
    }

    /** Reads a chain of bookmarks and their destinations, as {@link #retarget} will. */
    private static void readBookmarks(COSDictionary first) {
        for (COSDictionary item = first; item != null; item = item.getCOSDictionary(COSName.NEXT)) {
            COSBase destination = item.getDictionaryObject(COSName.DEST);
            if (destination == null && item.getDictionaryObject(COSName.A) instanceof COSDictionary action) {
                destination = action.getDictionaryObject(COSName.D);
            }
            if (destination instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    array.getObject(i);
                }
            }
            readBookmarks(item.getCOSDictionary(COSName.FIRST));
        }
    }

    /**
     * Writes the book's own objects (catalog, page tree, structure tree root, outline, and what they
     * hold) and its named destinations: each name to the top of a page of the book, at a height.
     */
    void finish(Map<String, Destination> named) throws IOException {
        if (opened != null || pageNumbers.size() != pages) {
            throw new IllegalStateException("the book was to have " + pages + " pages; " + pageNumbers.size() + " were bound");
        }
        COSArray kids = new COSArray();
        pageNumbers.forEach(n -> kids.add(BookWriter.Written.of(n)));
        pageTree.setItem(COSName.KIDS, kids);
        document.setItem(COSName.K, documentKids);
        COSArray nums = new COSArray();
        parentTree.forEach((key, value) -> {
            nums.add(COSInteger.get(key));
            nums.add(value);
        });
        COSDictionary tree = new COSDictionary();
        tree.setItem(COSName.NUMS, nums);
        root.setItem(COSName.PARENT_TREE, tree);
        root.setInt(PARENT_TREE_NEXT_KEY, nextKey);
        root.removeItem(ID_TREE);
        if (!ids.isEmpty()) {
            COSArray names = new COSArray();
            byKeyBytes(ids).forEach((id, element) -> {
                names.add(id);
                names.add(element);
            });
            COSDictionary idTree = new COSDictionary();
            idTree.setItem(COSName.NAMES, names);
            root.setItem(ID_TREE, idTree);
        }
        catalog.setItem(COSName.PAGES, pageTree);
        // The book's only name tree: where its links go (a source's own, if any, is not the book's).
        catalog.removeItem(COSName.NAMES);
        catalog.removeItem(COSName.DESTS);
        if (!named.isEmpty()) {
            COSArray names = new COSArray();
            byKeyBytes(named).forEach((name, destination) -> {
                names.add(name);
                names.add(destination.array(pageNumbers));
            });
            COSDictionary dests = new COSDictionary();
            dests.setItem(COSName.NAMES, names);
            COSDictionary nameDictionary = new COSDictionary();
            nameDictionary.setDirect(true);
            nameDictionary.setItem(COSName.DESTS, dests);
            catalog.setItem(COSName.NAMES, nameDictionary);
        }
        if (!marks.isEmpty()) {
            adopt(outline, catalog);
            outline.setInt(COSName.COUNT, outlineItems(outline, marks));
            catalog.setItem(COSName.OUTLINES, outline);
        } else {
            catalog.removeItem(COSName.OUTLINES);
        }
        fonts.finish(front);
        writer.finish(front.getDocument().getTrailer());
    }

    /** A name tree's entries as PDF strings, in the order of their bytes (how readers search one). */
    private static <V> Map<COSString, V> byKeyBytes(Map<String, V> entries) {
        Map<COSString, V> sorted = new TreeMap<>((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(), b.getBytes()));
        entries.forEach((key, value) -> sorted.put(new COSString(key), value));
        return sorted;
    }

    /** Where a named destination goes: the top of a page of the book (from 0) at this height. */
    record Destination(int page, int top) {

        COSArray array(List<Integer> pageNumbers) {
            COSArray array = new COSArray();
            array.add(BookWriter.Written.of(pageNumbers.get(page)));
            array.add(XYZ);
            array.add(COSInteger.ZERO);
            array.add(COSInteger.get(top));
            array.add(COSNull.NULL);
            return array;
        }
    }

    /** Hangs these bookmarks (pages counted in the book) under a node; returns the node's /Count as the sources gave it. */
    private int outlineItems(COSDictionary parent, List<Mark> items) {
        COSDictionary previous = null;
        int count = 0;
        for (Mark mark : items) {
            COSDictionary item = adopt(new COSDictionary(), parent);
            item.setItem(COSName.TITLE, new COSString(mark.title()));
            item.setItem(COSName.PARENT, parent);
            if (previous == null) {
                parent.setItem(COSName.FIRST, item);
            } else {
                item.setItem(COSName.PREV, previous);
                previous.setItem(COSName.NEXT, item);
            }
            COSArray destination = new COSArray();
            destination.add(BookWriter.Written.of(pageNumbers.get(mark.page())));
            mark.at().forEach(destination::add);
            item.setItem(COSName.DEST, destination);
            if (!mark.kids().isEmpty()) {
                outlineItems(item, mark.kids());
            }
            if (mark.count() != 0) {
                item.setInt(COSName.COUNT, mark.count());
            }
            parent.setItem(COSName.LAST, item);
            previous = item;
            count += 1 + Math.max(0, mark.count());
        }
        return count;
    }

    /**
     * Gives a new, still empty object the document its owner belongs to, before anything links it
     * there. PDFBox gives an object linked into a parsed document that document by walking all it
     * links to, one call deeper at each step, so linking the head of a chain of 10,000 top-level
     * bookmarks (a 10,000-page hub) went 10,000 calls deep and overflowed the stack. An object that
     * has its document already ends that walk where it stands.
     */
    private static COSDictionary adopt(COSDictionary fresh, COSDictionary owner) {
        fresh.getUpdateState().setOriginDocumentState(owner.getUpdateState().getOriginDocumentState());
        return fresh;
    }

    /** A source's bookmarks, their pages counted in the source (by its pages' dictionaries). */
    private static List<Mark> bookmarks(PDDocument source, Map<COSBase, Integer> pageIndex) {
        COSDictionary sourceOutline = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.OUTLINES);
        return sourceOutline == null ? List.of() : marks(sourceOutline.getCOSDictionary(COSName.FIRST), pageIndex);
    }

    /** A chain of bookmarks (those whose destination is not a page of the source are left out). */
    private static List<Mark> marks(COSDictionary first, Map<COSBase, Integer> pageIndex) {
        List<Mark> marks = new ArrayList<>();
        for (COSDictionary item = first; item != null; item = item.getCOSDictionary(COSName.NEXT)) {
            COSBase destination = item.getDictionaryObject(COSName.DEST);
            if (destination == null && item.getDictionaryObject(COSName.A) instanceof COSDictionary action) {
                destination = action.getDictionaryObject(COSName.D);
            }
            List<Mark> kids = marks(item.getCOSDictionary(COSName.FIRST), pageIndex);
            Integer page = destination instanceof COSArray array && array.size() > 0 ? pageIndex.get(array.getObject(0)) : null;
            if (page == null) {
                continue;
            }
            COSArray array = (COSArray) destination;
            List<COSBase> at = new ArrayList<>();
            for (int i = 1; i < array.size(); i++) {
                // as the render cache keeps them (KeptSources), so a book bound from there is the same bytes
                COSBase value = array.getObject(i);
                at.add(value instanceof COSName name ? name
                        : value instanceof COSInteger integer ? COSInteger.get(integer.longValue())
                        : value instanceof COSFloat number ? new COSFloat(number.floatValue())
                        : COSNull.NULL);
            }
            byte[] title = item.getDictionaryObject(COSName.TITLE) instanceof COSString s ? s.getBytes() : new byte[0];
            marks.add(new Mark(title, page, List.copyOf(at), item.getInt(COSName.COUNT, 0), kids));
        }
        return marks;
    }

    /** A struct tree root's one Document element (openhtmltopdf tags every document under one). */
    private static COSDictionary documentElement(COSDictionary structure) {
        COSBase k = structure.getDictionaryObject(COSName.K);
        if (k instanceof COSArray array && array.size() == 1) {
            k = array.getObject(0);
        }
        if (k instanceof COSDictionary element && DOCUMENT.equals(element.getCOSName(COSName.S))) {
            return element;
        }
        throw new IllegalStateException("a guide document's structure tree does not have one Document element at its root");
    }

    /** The Document element as the struct tree root names it (a reference, unless the file wrote it inline). */
    private static COSBase reference(COSDictionary structure) {
        COSBase k = structure.getItem(COSName.K);
        if (k instanceof COSArray array) {
            return array.get(0);
        }
        return k;
    }

    private static List<COSBase> toList(COSArray array) {
        List<COSBase> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            items.add(array.get(i));
        }
        return items;
    }

    /** Moves a StructParent(s) number by the offset, once per object (a form may be drawn on several pages). */
    private static void shift(COSDictionary dictionary, COSName key, int offset, Set<COSBase> moved) {
        if (offset != 0 && dictionary.getDictionaryObject(key) instanceof COSNumber n && moved.add(dictionary)) {
            dictionary.setInt(key, n.intValue() + offset);
        }
    }

    /**
     * Adds a structure tree's parent tree (keys moved by the offset) and IDs to these maps, and
     * returns the key after its last: the next source's offset.
     */
    private static int collect(COSDictionary structure, Map<Integer, COSBase> parentTree, Map<String, COSBase> ids, int offset) {
        int next = offset;
        if (structure.getDictionaryObject(COSName.PARENT_TREE) instanceof COSDictionary tree) {
            next = Math.max(next, numbers(tree, parentTree, offset));
        }
        if (structure.getDictionaryObject(PARENT_TREE_NEXT_KEY) instanceof COSNumber n) {
            next = Math.max(next, n.intValue() + offset);
        }
        if (structure.getDictionaryObject(ID_TREE) instanceof COSDictionary tree) {
            names(tree, ids);
        }
        return next;
    }

    /** Walks a number tree into {@code out}, keys moved by the offset; returns one past its largest key (moved). */
    static int numbers(COSDictionary node, Map<Integer, COSBase> out, int offset) {
        int next = offset;
        if (node.getDictionaryObject(COSName.NUMS) instanceof COSArray nums) {
            for (int i = 0; i + 1 < nums.size(); i += 2) {
                int key = ((COSNumber) nums.getObject(i)).intValue() + offset;
                out.put(key, nums.get(i + 1));
                next = Math.max(next, key + 1);
            }
        }
        if (node.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
            for (int i = 0; i < kids.size(); i++) {
                if (kids.getObject(i) instanceof COSDictionary kid) {
                    next = Math.max(next, numbers(kid, out, offset));
                }
            }
        }
        return next;
    }

    private static void names(COSDictionary node, Map<String, COSBase> out) {
        if (node.getDictionaryObject(COSName.NAMES) instanceof COSArray names) {
            for (int i = 0; i + 1 < names.size(); i += 2) {
                if (names.getObject(i) instanceof COSString name) {
                    out.putIfAbsent(name.getString(), names.get(i + 1));
                }
            }
        }
        if (node.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
            for (int i = 0; i < kids.size(); i++) {
                if (kids.getObject(i) instanceof COSDictionary kid) {
                    names(kid, out);
                }
            }
        }
    }

    /**
     * Adds a source's role map entries the book's lacks (and its class map's) and records the role
     * map's in {@code roles}; returns whether that is all the source adds (a source with a class map,
     * or roles that are not names, is bound again each time).
     */
    private boolean merge(COSDictionary structure, Map<String, String> roles) {
        boolean recorded = true;
        if (structure.getDictionaryObject(ROLE_MAP) instanceof COSDictionary entries) {
            COSDictionary mine = roleMap();
            for (COSName name : entries.keySet()) {
                COSBase value = entries.getDictionaryObject(name);
                if (value instanceof COSName role) {
                    roles.put(name.getName(), role.getName());
                } else {
                    recorded = false;
                }
                if (!mine.containsKey(name)) {
                    // the role itself, as a source copied from its bound form adds it (reuse)
                    mine.setItem(name, value instanceof COSName ? value : entries.getItem(name));
                }
            }
        }
        if (structure.getDictionaryObject(CLASS_MAP) instanceof COSDictionary entries) {
            recorded = false;
            COSDictionary mine = root.getCOSDictionary(CLASS_MAP);
            if (mine == null) {
                mine = new COSDictionary();
                root.setItem(CLASS_MAP, mine);
            }
            for (COSName name : entries.keySet()) {
                if (!mine.containsKey(name)) {
                    mine.setItem(name, entries.getItem(name));
                }
            }
        }
        return recorded;
    }

    private COSDictionary roleMap() {
        COSDictionary mine = root.getCOSDictionary(ROLE_MAP);
        if (mine == null) {
            mine = new COSDictionary();
            root.setItem(ROLE_MAP, mine);
        }
        return mine;
    }
}
