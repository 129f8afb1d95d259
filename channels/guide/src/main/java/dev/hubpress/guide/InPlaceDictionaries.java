package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

/**
 * Writes the small dictionaries that one object holds in place, instead of as objects of their
 * own: a page's marked-content property lists, its link annotations' border styles and actions,
 * and the structure elements' references to marked content and annotations (MCR, OBJR) and their
 * attributes. The layout engine makes each an indirect object. Most are property lists: it marks
 * every background and border it paints as an artifact with one ({@code <</Type /Background /BBox
 * [...]>>}), 30,336 of the 50,118 objects of one section of the generated 1,000-page hub, 144 a
 * page. In place (ISO 32000-1 7.3.10: any value may be direct where no indirect reference is
 * required; 14.6.2 for property lists, 14.7.4 for MCR and OBJR) they are the same to every reader,
 * and the part files, the binding and the book hold a fraction of the objects, each of which is
 * otherwise numbered, indexed, read back and renumbered on every bind.
 *
 * <p>A property list, border style or attribute dictionary is written in place only when it holds
 * no reference to another object; an action only when it holds none but to the page its
 * destination names, an MCR or OBJR whatever it references (the page, the annotation); each stays
 * an object, referenced from the dictionary. Anything else stays as it was.
 */
final class InPlaceDictionaries {

    private static final COSName BORDER_STYLE = COSName.getPDFName("BS");
    private static final COSName OBJECT_REFERENCE = COSName.getPDFName("OBJR");
    private static final COSName CONTENT_REFERENCE = COSName.getPDFName("MCR");
    private static final Set<COSName> REFERENCES = Set.of(OBJECT_REFERENCE, CONTENT_REFERENCE);

    private InPlaceDictionaries() {
    }

    /** Marks the dictionaries described above direct; returns how many. */
    static int inline(PDDocument pdf) {
        int inlined = 0;
        for (PDPage page : pdf.getPages()) {
            COSDictionary resources = page.getCOSObject().getCOSDictionary(COSName.RESOURCES);
            COSDictionary properties = resources == null ? null : resources.getCOSDictionary(COSName.PROPERTIES);
            if (properties != null) {
                for (COSName name : properties.keySet()) {
                    inlined += inline(properties, name, Holds.VALUES);
                }
            }
            if (page.getCOSObject().getDictionaryObject(COSName.ANNOTS) instanceof COSArray annotations) {
                for (int i = 0; i < annotations.size(); i++) {
                    if (annotations.getObject(i) instanceof COSDictionary annotation) {
                        inlined += inline(annotation, BORDER_STYLE, Holds.VALUES) + inline(annotation, COSName.A, Holds.PAGES);
                    }
                }
            }
        }
        COSDictionary root = pdf.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.STRUCT_TREE_ROOT);
        return root == null ? inlined : inlined + structure(root);
    }

    /** What a dictionary may hold to be written in place. */
    private enum Holds {
        /** Values only: names, numbers, strings, arrays of them. */
        VALUES,
        /** Values, and pages in arrays (a destination). */
        PAGES,
        /** Values and references to any object (which stay objects). */
        REFERENCES
    }

    /** The structure elements' marked-content and object references and their attributes; returns how many. */
    private static int structure(COSDictionary root) {
        int inlined = 0;
        Deque<COSDictionary> elements = new ArrayDeque<>();
        push(root.getDictionaryObject(COSName.K), elements);
        while (!elements.isEmpty()) {
            COSDictionary element = elements.pop();
            inlined += inline(element, COSName.A, Holds.VALUES);
            COSBase k = element.getDictionaryObject(COSName.K);
            if (k instanceof COSArray kids) {
                for (int i = 0; i < kids.size(); i++) {
                    if (actual(kids.get(i)) instanceof COSDictionary kid && REFERENCES.contains(kid.getCOSName(COSName.TYPE))) {
                        if (!kid.isDirect()) {
                            kid.setDirect(true);
                            kids.set(i, kid);
                            inlined++;
                        }
                    }
                }
            } else if (k instanceof COSDictionary kid && REFERENCES.contains(kid.getCOSName(COSName.TYPE))) {
                inlined += inline(element, COSName.K, Holds.REFERENCES);
            }
            push(k, elements);
        }
        return inlined;
    }

    /** Queues the structure elements among these kids. */
    private static void push(COSBase kids, Deque<COSDictionary> elements) {
        if (actual(kids) instanceof COSArray array) {
            for (int i = array.size() - 1; i >= 0; i--) {
                if (actual(array.get(i)) instanceof COSDictionary kid && kid.containsKey(COSName.S)) {
                    elements.push(kid);
                }
            }
        } else if (actual(kids) instanceof COSDictionary kid && kid.containsKey(COSName.S)) {
            elements.push(kid);
        }
    }

    /** Writes the dictionary under this key in place, when it holds only what {@code holds} allows; 1 if it did. */
    private static int inline(COSDictionary holder, COSName key, Holds holds) {
        COSBase value = holder.getItem(key);
        COSBase actual = actual(value);
        if (!(actual instanceof COSDictionary dictionary) || actual instanceof COSStream || dictionary.isDirect()
                || !allowed(dictionary, holds)) {
            return 0;
        }
        dictionary.setDirect(true);
        holder.setItem(key, dictionary);
        return 1;
    }

    private static boolean allowed(COSDictionary dictionary, Holds holds) {
        return switch (holds) {
            case VALUES -> plain(dictionary, false);
            case PAGES -> valuesAndPages(dictionary);
            case REFERENCES -> true;
        };
    }

    /**
     * Whether an action holds only values and destinations (arrays whose only objects are pages):
     * a URI or a go-to action, whose page stays an object, referenced from it.
     */
    private static boolean valuesAndPages(COSDictionary action) {
        for (COSBase item : action.getValues()) {
            COSBase actual = actual(item);
            if (actual instanceof COSArray array) {
                for (int i = 0; i < array.size(); i++) {
                    COSBase element = array.getObject(i);
                    if (element instanceof COSDictionary dictionary && !COSName.PAGE.equals(dictionary.getCOSName(COSName.TYPE))) {
                        return false;
                    }
                }
            } else if (actual instanceof COSDictionary) {
                return false;
            }
        }
        return true;
    }

    /** Whether a value holds no reference to an object (nor a stream): only names, numbers, strings and such, nested. */
    private static boolean plain(COSBase value, boolean nested) {
        if (value instanceof COSObject || value instanceof COSStream) {
            return false;
        }
        if (value instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (!plain(array.get(i), true)) {
                    return false;
                }
            }
        } else if (value instanceof COSDictionary dictionary) {
            // a dictionary inside one not marked direct would still be written as an object of its own
            if (nested && !dictionary.isDirect()) {
                return false;
            }
            for (COSBase item : dictionary.getValues()) {
                if (!plain(item, true)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static COSBase actual(COSBase value) {
        return value instanceof COSObject reference ? reference.getObject() : value;
    }
}
