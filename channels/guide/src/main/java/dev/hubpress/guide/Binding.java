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
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDDocumentOutline;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Binds laid-out PDFs into one book without copying them: each source's pages are added to the
 * book as they are (their dictionaries, content streams, fonts and annotations are written once,
 * from the source, when the book is saved), so every source must stay open until then. What must
 * become one is merged by hand: the structure trees (each source's top elements reparented under
 * the book's one Document element, its StructParent(s) numbers moved past the book's and its
 * parent tree, IDs, role and class maps added to the book's) and the outlines (each source's
 * top-level bookmarks appended to the book's). Destinations and links inside a source name its
 * page objects, which are now the book's pages, so they hold as they are.
 *
 * <p>Cheaper than PDFBox's merger by far: that clones every object of every source deeply,
 * which was most of the CPU of a guide render (docs/benchmarks.md).
 */
final class Binding {

    private static final COSName DOCUMENT = COSName.getPDFName("Document");
    private static final COSName ID_TREE = COSName.getPDFName("IDTree");
    private static final COSName ROLE_MAP = COSName.getPDFName("RoleMap");
    private static final COSName CLASS_MAP = COSName.getPDFName("ClassMap");
    private static final COSName PARENT_TREE_NEXT_KEY = COSName.getPDFName("ParentTreeNextKey");

    private final PDDocument book;
    private final COSDictionary root;
    private final COSDictionary document;
    /** How children name the Document element: the reference the front matter's tree holds. */
    private final COSBase documentRef;
    private final Map<Integer, COSBase> parentTree = new TreeMap<>();
    private final Map<String, COSBase> ids = new TreeMap<>();
    private final PDDocumentOutline outline;
    private int nextKey;

    /** Starts a book from its first document (the front matter), whose structure tree becomes the book's. */
    Binding(PDDocument first) {
        this.book = first;
        PDDocumentCatalog catalog = first.getDocumentCatalog();
        COSDictionary structure = catalog.getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure == null) {
            throw new IllegalStateException("the front matter is not tagged");
        }
        this.root = structure;
        this.document = documentElement(structure);
        this.documentRef = reference(structure);
        this.nextKey = collect(structure, parentTree, ids, 0);
        PDDocumentOutline existing = catalog.getDocumentOutline();
        this.outline = existing == null ? new PDDocumentOutline() : existing;
    }

    /** Appends every page of a source, its structure and its bookmarks. The source stays open until the book is saved. */
    void append(PDDocument source) throws IOException {
        int offset = nextKey;
        COSDictionary structure = source.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (structure == null) {
            throw new IllegalStateException("a part of the guide is not tagged");
        }
        nextKey = collect(structure, parentTree, ids, offset);
        Set<COSBase> moved = Collections.newSetFromMap(new IdentityHashMap<>());
        List<PDPage> pages = new ArrayList<>();
        source.getPages().forEach(pages::add);
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
            book.addPage(page);
        }
        COSDictionary sourceDocument = documentElement(structure);
        COSArray children = kids(document);
        COSBase k = sourceDocument.getDictionaryObject(COSName.K);
        for (COSBase child : k instanceof COSArray array ? toList(array) : List.of(k)) {
            COSBase element = child instanceof COSObject o ? o.getObject() : child;
            if (element instanceof COSDictionary e) {
                e.setItem(COSName.P, documentRef);
            }
            children.add(child);
        }
        merge(structure, ROLE_MAP);
        merge(structure, CLASS_MAP);
        PDDocumentOutline bookmarks = source.getDocumentCatalog().getDocumentOutline();
        if (bookmarks != null) {
            List<PDOutlineItem> items = new ArrayList<>();
            bookmarks.children().forEach(items::add);
            for (PDOutlineItem item : items) {
                item.getCOSObject().removeItem(COSName.PREV);
                item.getCOSObject().removeItem(COSName.NEXT);
                item.getCOSObject().removeItem(COSName.PARENT);
                outline.addLast(item);
            }
        }
    }

    /** Writes the merged parent tree, IDs and outline into the book: call once, after the last append. */
    void finish() {
        COSArray nums = new COSArray();
        parentTree.forEach((key, value) -> {
            nums.add(COSInteger.get(key));
            nums.add(value);
        });
        COSDictionary tree = new COSDictionary();
        tree.setItem(COSName.NUMS, nums);
        root.setItem(COSName.PARENT_TREE, tree);
        root.setInt(PARENT_TREE_NEXT_KEY, nextKey);
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
        if (outline.hasChildren()) {
            book.getDocumentCatalog().setDocumentOutline(outline);
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

    /** An element's children as an array (made one if it held a single child). */
    private static COSArray kids(COSDictionary element) {
        COSBase k = element.getDictionaryObject(COSName.K);
        if (k instanceof COSArray array) {
            return array;
        }
        COSArray array = new COSArray();
        if (k != null) {
            array.add(element.getItem(COSName.K));
        }
        element.setItem(COSName.K, array);
        return array;
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
     * Adds a structure tree's parent tree (keys moved by the offset) and IDs to the book's, and
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

    /** Walks a number tree; returns one past its largest key (moved by the offset). */
    private static int numbers(COSDictionary node, Map<Integer, COSBase> out, int offset) {
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
