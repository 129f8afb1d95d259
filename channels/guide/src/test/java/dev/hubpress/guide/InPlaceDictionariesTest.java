package dev.hubpress.guide;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSFloat;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InPlaceDictionariesTest {

    @Test
    void aPropertyListOrBorderStyleHoldingNoReferenceIsWrittenInPlace() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            // GIVEN a page with a background's property list, one that points at another object, a link with a border
            // style and a go-to action, and a link whose action is chained to another
            PDPage page = new PDPage();
            pdf.addPage(page);
            COSDictionary background = new COSDictionary();
            background.setItem(COSName.TYPE, COSName.getPDFName("Background"));
            COSArray box = new COSArray();
            List.of(56.7f, 374.85f, 555.3f, 389.36f).forEach(v -> box.add(new COSFloat(v)));
            background.setItem(COSName.BBOX, box);
            COSDictionary pointing = new COSDictionary();
            pointing.setItem(COSName.getPDFName("Owner"), new COSDictionary());
            COSDictionary properties = new COSDictionary();
            properties.setItem(COSName.getPDFName("Prop1"), background);
            properties.setItem(COSName.getPDFName("Prop2"), pointing);
            PDResources resources = new PDResources();
            resources.getCOSObject().setItem(COSName.PROPERTIES, properties);
            page.setResources(resources);
            COSDictionary border = new COSDictionary();
            border.setItem(COSName.S, COSName.S);
            border.setInt(COSName.W, 0);
            COSDictionary link = new COSDictionary();
            link.setItem(COSName.SUBTYPE, COSName.LINK);
            link.setItem(COSName.getPDFName("BS"), border);
            COSDictionary goTo = new COSDictionary();
            goTo.setItem(COSName.S, COSName.getPDFName("GoTo"));
            COSArray destination = new COSArray();
            destination.add(page.getCOSObject());
            destination.add(COSName.getPDFName("XYZ"));
            goTo.setItem(COSName.D, destination);
            link.setItem(COSName.A, goTo);
            COSDictionary chained = new COSDictionary();
            chained.setItem(COSName.S, COSName.URI);
            chained.setItem(COSName.getPDFName("Next"), new COSDictionary());
            COSDictionary otherLink = new COSDictionary();
            otherLink.setItem(COSName.A, chained);
            COSArray annotations = new COSArray();
            annotations.add(link);
            annotations.add(otherLink);
            page.getCOSObject().setItem(COSName.ANNOTS, annotations);

            // WHEN its property lists are written in place
            int inlined = InPlaceDictionaries.inline(pdf);

            // THEN the background's, the border style and the go-to action (naming its page) are; the list that points
            // elsewhere and the action chained to another are not
            assertThat(inlined).isEqualTo(3);
            assertThat(background.isDirect()).isTrue();
            assertThat(border.isDirect()).isTrue();
            assertThat(goTo.isDirect()).isTrue();
            assertThat(pointing.isDirect()).isFalse();
            assertThat(chained.isDirect()).isFalse();
        }
    }

    @Test
    void anElementsContentAndObjectReferencesAndPlainAttributesAreWrittenInPlace() throws Exception {
        try (PDDocument pdf = new PDDocument()) {
            // GIVEN a table header cell holding a marked-content reference, an object reference and an id, with plain
            // attributes, and a cell whose attributes point at another object
            PDPage page = new PDPage();
            pdf.addPage(page);
            COSDictionary content = new COSDictionary();
            content.setItem(COSName.TYPE, COSName.getPDFName("MCR"));
            content.setItem(COSName.PG, page.getCOSObject());
            content.setInt(COSName.MCID, 4);
            COSDictionary object = new COSDictionary();
            object.setItem(COSName.TYPE, COSName.getPDFName("OBJR"));
            object.setItem(COSName.getPDFName("Obj"), new COSDictionary());
            COSDictionary scope = new COSDictionary();
            scope.setItem(COSName.O, COSName.getPDFName("Table"));
            scope.setItem(COSName.getPDFName("Scope"), COSName.getPDFName("Column"));
            COSDictionary header = element("TH");
            header.setItem(COSName.A, scope);
            COSArray kids = new COSArray();
            kids.add(content);
            kids.add(object);
            kids.add(org.apache.pdfbox.cos.COSInteger.get(5));
            header.setItem(COSName.K, kids);
            COSDictionary owned = new COSDictionary();
            owned.setItem(COSName.getPDFName("Owner"), new COSDictionary());
            COSDictionary cell = element("TD");
            cell.setItem(COSName.A, owned);
            COSArray row = new COSArray();
            row.add(header);
            row.add(cell);
            COSDictionary tr = element("TR");
            tr.setItem(COSName.K, row);
            COSDictionary root = new COSDictionary();
            root.setItem(COSName.TYPE, COSName.STRUCT_TREE_ROOT);
            root.setItem(COSName.K, tr);
            pdf.getDocumentCatalog().getCOSObject().setItem(COSName.STRUCT_TREE_ROOT, root);

            // WHEN its dictionaries are written in place
            int inlined = InPlaceDictionaries.inline(pdf);

            // THEN the references and the plain attributes are, the attributes that point elsewhere are not
            assertThat(inlined).isEqualTo(3);
            assertThat(content.isDirect()).isTrue();
            assertThat(object.isDirect()).isTrue();
            assertThat(scope.isDirect()).isTrue();
            assertThat(owned.isDirect()).isFalse();
        }
    }

    private static COSDictionary element(String type) {
        COSDictionary element = new COSDictionary();
        element.setItem(COSName.TYPE, COSName.getPDFName("StructElem"));
        element.setItem(COSName.S, COSName.getPDFName(type));
        return element;
    }

    @Test
    void aLaidOutPartHoldsItsPagesPropertyListsInPlace() throws Exception {
        // GIVEN the repository's skills pages laid out as one part (tables and code: backgrounds and borders)
        RenderedPart part = GuideFixtures.repositoryPart("skills");

        // WHEN it is read back
        try (PDDocument pdf = WrittenPdf.read(part.pdf(), IOUtils.createMemoryOnlyStreamCache())) {
            // THEN its pages have property lists, none of them an object of its own
            int lists = 0;
            for (PDPage page : pdf.getPages()) {
                COSDictionary properties = page.getResources().getCOSObject().getCOSDictionary(COSName.PROPERTIES);
                if (properties != null) {
                    for (COSName name : properties.keySet()) {
                        assertThat(properties.getItem(name)).as(name.getName()).isNotInstanceOf(COSObject.class);
                        lists++;
                    }
                }
            }
            assertThat(lists).isPositive();
        }
    }
}
