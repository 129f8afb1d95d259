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
 * Writes a page's marked-content property lists, and its link annotations' border styles, in
 * place instead of as objects of their own. The layout engine marks every background and border it
 * paints as an artifact with a property list ({@code <</Type /Background /BBox [...]>>}), each an
 * indirect object: 30,336 of the 50,118 objects of one section of the generated 1,000-page hub,
 * 144 a page. In place, in the page's {@code /Properties} resource (ISO 32000-1, 14.6.2: the
 * resource's values may be direct), they are the same to every reader, and the part files, the
 * binding and the book hold half as many objects, each of which is otherwise numbered, indexed,
 * read back and renumbered on every bind.
 *
 * <p>Only a dictionary that holds no reference to another object is written in place (so nothing
 * it points at changes its meaning); anything else stays as it was.
 */
final class PropertyLists {

    private static final COSName BORDER_STYLE = COSName.getPDFName("BS");

    private PropertyLists() {
    }

    /** Marks the document's pages' property lists and annotation border styles direct; returns how many. */
    static int inline(PDDocument pdf) {
        int inlined = 0;
        for (PDPage page : pdf.getPages()) {
            COSDictionary resources = page.getCOSObject().getCOSDictionary(COSName.RESOURCES);
            COSDictionary properties = resources == null ? null : resources.getCOSDictionary(COSName.PROPERTIES);
            if (properties != null) {
                for (COSName name : properties.keySet()) {
                    inlined += inline(properties, name);
                }
            }
            if (page.getCOSObject().getDictionaryObject(COSName.ANNOTS) instanceof COSArray annotations) {
                for (int i = 0; i < annotations.size(); i++) {
                    if (annotations.getObject(i) instanceof COSDictionary annotation) {
                        inlined += inline(annotation, BORDER_STYLE);
                    }
                }
            }
        }
        return inlined;
    }

    /** Writes the dictionary under this key in place, when it holds no reference; 1 if it did. */
    private static int inline(COSDictionary holder, COSName key) {
        COSBase value = holder.getItem(key);
        COSBase actual = value instanceof COSObject reference ? reference.getObject() : value;
        if (!(actual instanceof COSDictionary dictionary) || actual instanceof COSStream || dictionary.isDirect()
                || !plain(dictionary, false)) {
            return 0;
        }
        dictionary.setDirect(true);
        holder.setItem(key, dictionary);
        return 1;
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
