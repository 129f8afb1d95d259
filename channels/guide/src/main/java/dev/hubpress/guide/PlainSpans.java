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

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Folds the structure elements that say nothing into their parents. The layout engine tags every
 * run of text it draws as a Span of its own, with no attributes, holding the run's one marked
 * content id: a quarter of a guide's structure elements (3,564 of 14,491 in a section of the
 * generated 1,000-page hub). Such a Span is the same, to a reader or screen reader, as the marked
 * content sitting in its parent on the same page (ISO 32000-1, 14.7.4: an element's K may hold
 * marked-content ids), so the parent takes the id in its place and the page's parent tree entry
 * names the parent. Every later step reads, writes and deflates a quarter fewer elements: the
 * binding of every book, which copies each part's structure, most of all.
 *
 * <p>Only a Span whose keys are Type, S, P, K and Pg, whose K is one marked-content id, whose
 * page is its parent's page, and which the page's parent tree entry names for that id, is folded;
 * anything else is left as the engine tagged it.
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
        numbers(root.getDictionaryObject(COSName.PARENT_TREE), parentTree);
        Map<COSDictionary, COSArray> marked = new IdentityHashMap<>();
        for (PDPage page : pdf.getPages()) {
            int key = page.getCOSObject().getInt(COSName.STRUCT_PARENTS, -1);
            if (key >= 0 && actual(parentTree.get(key)) instanceof COSArray elements) {
                marked.put(page.getCOSObject(), elements);
            }
        }
        int folded = 0;
        Deque<COSDictionary> elements = new ArrayDeque<>();
        if (actual(root.getDictionaryObject(COSName.K)) instanceof COSDictionary top) {
            elements.push(top);
        } else if (actual(root.getDictionaryObject(COSName.K)) instanceof COSArray tops) {
            for (int i = tops.size() - 1; i >= 0; i--) {
                if (actual(tops.get(i)) instanceof COSDictionary top) {
                    elements.push(top);
                }
            }
        }
        while (!elements.isEmpty()) {
            COSDictionary element = elements.pop();
            COSBase k = actual(element.getDictionaryObject(COSName.K));
            if (k instanceof COSArray kids) {
                for (int i = 0; i < kids.size(); i++) {
                    if (actual(kids.get(i)) instanceof COSDictionary kid) {
                        COSInteger id = foldable(kid, element, marked);
                        if (id != null) {
                            kids.set(i, id);
                            folded++;
                        } else if (kid.containsKey(COSName.S)) {
                            elements.push(kid);
                        }
                    }
                }
            } else if (k instanceof COSDictionary kid) {
                COSInteger id = foldable(kid, element, marked);
                if (id != null) {
                    element.setItem(COSName.K, id);
                    folded++;
                } else if (kid.containsKey(COSName.S)) {
                    elements.push(kid);
                }
            }
        }
        return folded;
    }

    /**
     * The marked-content id a plain Span holds, when it may be folded into this parent (the page's
     * parent tree entry then names the parent for it); null, and nothing changed, otherwise.
     */
    private static COSInteger foldable(COSDictionary kid, COSDictionary parent, Map<COSDictionary, COSArray> marked) {
        if (!SPAN.equals(kid.getCOSName(COSName.S)) || !PLAIN_KEYS.containsAll(kid.keySet())
                || !(actual(kid.getDictionaryObject(COSName.K)) instanceof COSNumber number)
                || !(actual(kid.getDictionaryObject(COSName.PG)) instanceof COSDictionary page)
                || actual(parent.getDictionaryObject(COSName.PG)) != page) {
            return null;
        }
        COSArray ids = marked.get(page);
        int id = number.intValue();
        if (ids == null || id < 0 || id >= ids.size() || actual(ids.get(id)) != kid) {
            return null;
        }
        ids.set(id, parent);
        return COSInteger.get(id);
    }

    private static void numbers(COSBase node, Map<Integer, COSBase> out) {
        if (!(actual(node) instanceof COSDictionary tree)) {
            return;
        }
        if (tree.getDictionaryObject(COSName.NUMS) instanceof COSArray nums) {
            for (int i = 0; i + 1 < nums.size(); i += 2) {
                if (actual(nums.get(i)) instanceof COSNumber key) {
                    out.put(key.intValue(), nums.get(i + 1));
                }
            }
        }
        if (tree.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
            for (int i = 0; i < kids.size(); i++) {
                numbers(kids.get(i), out);
            }
        }
    }

    private static COSBase actual(COSBase value) {
        return value instanceof COSObject reference ? reference.getObject() : value;
    }
}
