package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSNumber;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds the structure elements that say nothing into their parents. The layout engine tags every
 * run of text it draws as a Span with no attributes holding the run's marked-content id, and
 * groups runs in more such Spans: 6,343 of the 14,491 structure elements of one section of the
 * generated 1,000-page hub were Spans, 5,735 of them with nothing to say. Such a Span is the same,
 * to a reader or a screen reader, as its marked content sitting in its parent on the same page
 * (ISO 32000-1, 14.7.4: an element's K may hold marked-content ids), so the parent takes the ids
 * in its place, in their order, and the page's parent tree entry names the parent for each. Every
 * later step reads, writes and deflates that many fewer elements: the binding of every book,
 * which copies each part's structure, most of all.
 *
 * <p>Only a Span whose keys are Type, S, P, K and Pg, whose K holds only marked-content ids, whose
 * page is its parent's page, and which the page's parent tree entry names for each of those ids,
 * is folded; deepest first, so a Span that held only such Spans is folded too. Anything else is
 * left as the engine tagged it.
 */
final class PlainSpans {

    private static final COSName SPAN = COSName.getPDFName("Span");
    private static final Set<COSName> PLAIN_KEYS = Set.of(COSName.TYPE, COSName.S, COSName.P, COSName.K, COSName.PG);

    private PlainSpans() {
    }

    /** Folds the document's plain Spans into their parents; returns how many were folded. */
    static int fold(PDDocument pdf) {
        COSDictionary root = pdf.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        if (root == null) {
            return 0;
        }
        Map<Integer, COSBase> parentTree = new HashMap<>();
        if (root.getDictionaryObject(COSName.PARENT_TREE) instanceof COSDictionary tree) {
            Binding.numbers(tree, parentTree, 0);
        }
        Map<COSDictionary, COSArray> marked = new IdentityHashMap<>();
        for (PDPage page : pdf.getPages()) {
            int key = page.getCOSObject().getInt(COSName.STRUCT_PARENTS, -1);
            if (key >= 0 && actual(parentTree.get(key)) instanceof COSArray elements) {
                marked.put(page.getCOSObject(), elements);
            }
        }
        int folded = 0;
        COSBase top = actual(root.getDictionaryObject(COSName.K));
        if (top instanceof COSDictionary element) {
            folded += within(element, marked);
        } else if (top instanceof COSArray tops) {
            for (int i = 0; i < tops.size(); i++) {
                if (actual(tops.get(i)) instanceof COSDictionary element) {
                    folded += within(element, marked);
                }
            }
        }
        return folded;
    }

    /**
     * Folds the plain Spans below this element, deepest first (a Span whose own Spans were folded
     * may then hold only ids, and be folded in turn); returns how many were folded.
     */
    private static int within(COSDictionary element, Map<COSDictionary, COSArray> marked) {
        COSBase k = element.getDictionaryObject(COSName.K);
        if (k == null) {
            return 0;
        }
        List<COSBase> items = new ArrayList<>();
        if (actual(k) instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                items.add(array.get(i));
            }
        } else {
            items.add(element.getItem(COSName.K));
        }
        int folded = 0;
        boolean changed = false;
        COSArray kids = new COSArray();
        for (COSBase item : items) {
            if (actual(item) instanceof COSDictionary kid && kid.containsKey(COSName.S)) {
                folded += within(kid, marked);
                List<COSInteger> ids = foldable(kid, element, marked);
                if (ids != null) {
                    ids.forEach(kids::add);
                    folded++;
                    changed = true;
                    continue;
                }
            }
            kids.add(item);
        }
        if (changed) {
            element.setItem(COSName.K, kids.size() == 1 && !(actual(k) instanceof COSArray) ? kids.get(0) : kids);
        }
        return folded;
    }

    /**
     * The marked-content ids a plain Span holds, in its order, when it may be folded into this
     * parent (the page's parent tree entry then names the parent for each); null, and nothing
     * changed, otherwise.
     */
    private static List<COSInteger> foldable(COSDictionary kid, COSDictionary parent, Map<COSDictionary, COSArray> marked) {
        if (!SPAN.equals(kid.getCOSName(COSName.S)) || !PLAIN_KEYS.containsAll(kid.keySet())
                || !(actual(kid.getDictionaryObject(COSName.PG)) instanceof COSDictionary page)
                || actual(parent.getDictionaryObject(COSName.PG)) != page || !marked.containsKey(page)) {
            return null;
        }
        List<COSBase> held = new ArrayList<>();
        COSBase k = actual(kid.getDictionaryObject(COSName.K));
        if (k instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                held.add(array.get(i));
            }
        } else {
            held.add(k);
        }
        COSArray named = marked.get(page);
        List<COSInteger> ids = new ArrayList<>();
        for (COSBase value : held) {
            if (!(value instanceof COSNumber number)) {
                return null;
            }
            int id = number.intValue();
            if (id < 0 || id >= named.size() || actual(named.get(id)) != kid) {
                return null;
            }
            ids.add(COSInteger.get(id));
        }
        if (ids.isEmpty()) {
            return null;
        }
        ids.forEach(id -> named.set(id.intValue(), parent));
        return ids;
    }

    private static COSBase actual(COSBase value) {
        return value instanceof COSObject reference ? reference.getObject() : value;
    }
}
