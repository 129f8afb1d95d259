package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * and the outlines (each source's top-level bookmarks appended to the book's).
 *
 * <p>Every page of the book has a stub from the start ({@link #page}), written under the number
 * its page gets, so a link or bookmark may point at a page of a source not read yet. Use: {@link
 * #open} a source, change its pages (links, footers), {@link #write} it, close it; then {@link
 * #finish}.
 */
final class Binding {

    private static final COSName DOCUMENT = COSName.getPDFName("Document");
    private static final COSName ID_TREE = COSName.getPDFName("IDTree");
    private static final COSName ROLE_MAP = COSName.getPDFName("RoleMap");
    private static final COSName CLASS_MAP = COSName.getPDFName("ClassMap");
    private static final COSName PARENT_TREE_NEXT_KEY = COSName.getPDFName("ParentTreeNextKey");
    private static final COSName SE = COSName.getPDFName("SE");

    private final BookWriter writer;
    private final PDDocument front;
    private final COSDictionary catalog;
    private final COSDictionary root;
    private final COSDictionary document;
    /** How children name the Document element: the reference the front matter's tree holds. */
    private final COSBase documentRef;
    private final COSDictionary pageTree = new COSDictionary();
    private final List<COSDictionary> stubs = new ArrayList<>();
    private final COSArray documentKids = new COSArray();
    private final Map<Integer, COSBase> parentTree = new TreeMap<>();
    private final Map<String, COSBase> ids = new TreeMap<>();
    private final COSDictionary outline = new COSDictionary();
    private COSDictionary lastItem;
    private int outlineCount;
    private int nextKey;
    private int nextPage;
    /** What the open source adds, written by {@link #write}. */
    private Opened opened;

    private record Opened(List<COSBase> children, Map<Integer, COSBase> tree, Map<String, COSBase> ids,
                          BookWriter.Source source) {
    }

    /**
     * Starts a book of this many pages from its front matter, whose catalog and structure tree root
     * become the book's; the front stays open until {@link #finish}.
     */
    Binding(PDDocument front, int pages, OutputStream out) throws IOException {
        this.front = front;
        this.writer = new BookWriter(BookWriter.Packing.OBJECT_STREAMS, out);
        this.catalog = front.getDocumentCatalog().getCOSObject();
        COSDictionary structure = catalog.getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure == null) {
            throw new IllegalStateException("the front matter is not tagged");
        }
        this.root = structure;
        this.document = documentElement(structure);
        this.documentRef = reference(structure);
        COSArray kids = new COSArray();
        for (int i = 0; i < pages; i++) {
            COSDictionary stub = new COSDictionary();
            writer.reserve(stub);
            stubs.add(stub);
            kids.add(stub);
        }
        pageTree.setItem(COSName.TYPE, COSName.PAGES);
        pageTree.setItem(COSName.KIDS, kids);
        pageTree.setInt(COSName.COUNT, pages);
        outline.setItem(COSName.TYPE, COSName.OUTLINES);
        for (COSBase own : List.of(catalog, pageTree, root, document, outline)) {
            writer.defer(own);
        }
    }

    /** The page at this index of the book (from 0), as links and bookmarks may name it before it is read. */
    PDPage page(int index) {
        return new PDPage(stubs.get(index));
    }

    /** An object of the book itself (a font or property list many pages share): written once, at the end. */
    void keep(COSBase object) {
        writer.defer(object);
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
        int offset = nextKey;
        COSDictionary structure = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure == null) {
            throw new IllegalStateException("a part of the guide is not tagged");
        }
        Map<Integer, COSBase> tree = new TreeMap<>();
        Map<String, COSBase> sourceIds = new TreeMap<>();
        nextKey = collect(structure, tree, sourceIds, offset);
        Set<COSBase> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        List<PDPage> pages = new ArrayList<>();
        source.getPages().forEach(pages::add);
        Map<COSBase, COSDictionary> stubOf = new IdentityHashMap<>();
        for (PDPage page : pages) {
            // Resolve what a page would inherit from the source's page tree, which the book does not hold.
            page.setMediaBox(page.getMediaBox());
            page.setCropBox(page.getCropBox());
            page.setResources(page.getResources());
            shift(page.getCOSObject(), COSName.STRUCT_PARENTS, offset, moved);
            for (PDAnnotation annotation : page.getAnnotations()) {
                shift(annotation.getCOSObject(), COSName.STRUCT_PARENT, offset, moved);
            }
            COSDictionary xObjects = page.getResources().getCOSObject().getCOSDictionary(COSName.XOBJECT);
            if (xObjects != null) {
                for (COSName name : xObjects.keySet()) {
                    if (xObjects.getDictionaryObject(name) instanceof COSStream form) {
                        shift(form, COSName.STRUCT_PARENTS, offset, moved);
                    }
                }
            }
            page.getCOSObject().setItem(COSName.PARENT, pageTree);
            COSDictionary stub = stubs.get(nextPage++);
            stubOf.put(page.getCOSObject(), stub);
            writer.alias(page.getCOSObject(), stub);
        }
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
        if (structure != root) {
            merge(structure, ROLE_MAP);
            merge(structure, CLASS_MAP);
        }
        bookmarks(source, stubOf);
        opened = new Opened(children, tree, sourceIds, file == null ? null : new BookWriter.Source(file, source));
        return pages;
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

    /** Writes the open source's objects; the source may be closed after. */
    void write() throws IOException {
        List<COSBase> roots = new ArrayList<>(opened.children());
        for (COSBase value : opened.tree().values()) {
            // A page's entry is an array of the elements its marked content belongs to: written as an
            // object of its own now, so the book keeps one reference per page, not one per element.
            roots.add(value instanceof COSArray array ? new COSObject(array) : value);
        }
        roots.addAll(opened.ids().values());
        List<COSBase> standIns = writer.writeAll(roots, opened.source());
        int at = 0;
        for (int i = 0; i < opened.children().size(); i++) {
            documentKids.add(standIns.get(at++));
        }
        for (Integer key : opened.tree().keySet()) {
            parentTree.put(key, standIns.get(at++));
        }
        for (String id : opened.ids().keySet()) {
            ids.putIfAbsent(id, standIns.get(at++));
        }
        opened = null;
    }

    /** Writes the book's own objects (catalog, page tree, structure tree root, outline, and what they hold). */
    void finish() throws IOException {
        if (opened != null || nextPage != stubs.size()) {
            throw new IllegalStateException("the book was to have " + stubs.size() + " pages; " + nextPage + " were bound");
        }
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
            ids.forEach((id, element) -> {
                names.add(new COSString(id));
                names.add(element);
            });
            COSDictionary idTree = new COSDictionary();
            idTree.setItem(COSName.NAMES, names);
            root.setItem(ID_TREE, idTree);
        }
        catalog.setItem(COSName.PAGES, pageTree);
        if (lastItem != null) {
            outline.setInt(COSName.COUNT, outlineCount);
            catalog.setItem(COSName.OUTLINES, outline);
        } else {
            catalog.removeItem(COSName.OUTLINES);
        }
        writer.finish(front.getDocument().getTrailer());
    }

    /**
     * Appends a source's top-level bookmarks to the book's, each pointing at the stub of its page:
     * the bookmarks are written with the book, after their pages.
     */
    private void bookmarks(PDDocument source, Map<COSBase, COSDictionary> stubOf) {
        COSDictionary sourceOutline = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.OUTLINES);
        if (sourceOutline == null) {
            return;
        }
        List<COSDictionary> items = new ArrayList<>();
        for (COSDictionary item = sourceOutline.getCOSDictionary(COSName.FIRST); item != null; item = item.getCOSDictionary(COSName.NEXT)) {
            items.add(item);
        }
        for (COSDictionary item : items) {
            retarget(item, stubOf);
            item.removeItem(COSName.NEXT);
            item.setItem(COSName.PARENT, outline);
            if (lastItem == null) {
                item.removeItem(COSName.PREV);
                outline.setItem(COSName.FIRST, item);
            } else {
                item.setItem(COSName.PREV, lastItem);
                lastItem.setItem(COSName.NEXT, item);
            }
            outline.setItem(COSName.LAST, item);
            lastItem = item;
            writer.defer(item);
            int count = item.getInt(COSName.COUNT, 0);
            outlineCount += 1 + Math.max(0, count);
        }
    }

    /** Points a bookmark and its children at the stubs of their pages (reading them whole: their source will be closed). */
    private static void retarget(COSDictionary item, Map<COSBase, COSDictionary> stubOf) {
        item.removeItem(SE);
        COSBase destination = item.getDictionaryObject(COSName.DEST);
        if (destination == null && item.getDictionaryObject(COSName.A) instanceof COSDictionary action) {
            destination = action.getDictionaryObject(COSName.D);
        }
        if (destination instanceof COSArray array && array.size() > 0) {
            COSBase page = array.getObject(0);
            COSDictionary stub = stubOf.get(page);
            if (stub != null) {
                array.set(0, stub);
            }
            for (int i = 1; i < array.size(); i++) {
                array.set(i, array.getObject(i));
            }
        }
        for (COSDictionary child = item.getCOSDictionary(COSName.FIRST); child != null; child = child.getCOSDictionary(COSName.NEXT)) {
            retarget(child, stubOf);
        }
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

    /** Adds a source's role or class map entries the book's lacks. */
    private void merge(COSDictionary structure, COSName map) {
        if (!(structure.getDictionaryObject(map) instanceof COSDictionary entries)) {
            return;
        }
        COSDictionary mine = root.getCOSDictionary(map);
        if (mine == null) {
            mine = new COSDictionary();
            root.setItem(map, mine);
        }
        for (COSName name : entries.keySet()) {
            if (!mine.containsKey(name)) {
                mine.setItem(name, entries.getItem(name));
            }
        }
    }
}
