package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;

/**
 * Writes a page's marked-content property lists, and its link annotations' border styles and
 * actions, in place instead of as objects of their own. The layout engine marks every background and border it
 * paints as an artifact with a property list ({@code <</Type /Background /BBox [...]>>}), each an
 * indirect object: 30,336 of the 50,118 objects of one section of the generated 1,000-page hub,
 * 144 a page. In place, in the page's {@code /Properties} resource (ISO 32000-1, 14.6.2; nothing
 * requires a property list to be an object of its own), they are the same to every reader, and the part files, the
 * binding and the book hold half as many objects, each of which is otherwise numbered, indexed,
 * read back and renumbered on every bind.
 *
 * <p>A property list or border style is written in place only when it holds no reference to
 * another object, and an action only when it holds none but to the page its destination names
 * (which stays an object, referenced from it); anything else stays as it was.
 */
final class PropertyLists {

    private static final COSName BORDER_STYLE = COSName.getPDFName("BS");

    private PropertyLists() {
    }

    /** Marks the document's pages' property lists and annotations' border styles and actions direct; returns how many. */
    static int inline(PDDocument pdf) {
        int inlined = 0;
        for (PDPage page : pdf.getPages()) {
            COSDictionary resources = page.getCOSObject().getCOSDictionary(COSName.RESOURCES);
            COSDictionary properties = resources == null ? null : resources.getCOSDictionary(COSName.PROPERTIES);
            if (properties != null) {
                for (COSName name : properties.keySet()) {
                    inlined += inline(properties, name, false);
                }
            }
            if (page.getCOSObject().getDictionaryObject(COSName.ANNOTS) instanceof COSArray annotations) {
                for (int i = 0; i < annotations.size(); i++) {
                    if (annotations.getObject(i) instanceof COSDictionary annotation) {
                        inlined += inline(annotation, BORDER_STYLE, false) + inline(annotation, COSName.A, true);
                    }
                }
            }
        }
        return inlined;
    }

    /**
     * Writes the dictionary under this key in place, when it holds no reference (or, with {@code
     * pages}, for an action, no reference but to the pages its destination names); 1 if it did.
     */
    private static int inline(COSDictionary holder, COSName key, boolean pages) {
        COSBase value = holder.getItem(key);
        COSBase actual = value instanceof COSObject reference ? reference.getObject() : value;
        if (!(actual instanceof COSDictionary dictionary) || actual instanceof COSStream || dictionary.isDirect()
                || !(pages ? valuesAndPages(dictionary) : plain(dictionary, false))) {
            return 0;
        }
        dictionary.setDirect(true);
        holder.setItem(key, dictionary);
        return 1;
    }

    /**
     * Whether an action holds only values and destinations (arrays whose only objects are pages):
     * a URI or a go-to action, whose page stays an object, referenced from it.
     */
    private static boolean valuesAndPages(COSDictionary action) {
        for (COSBase item : action.getValues()) {
            COSBase actual = item instanceof COSObject reference ? reference.getObject() : item;
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
}
