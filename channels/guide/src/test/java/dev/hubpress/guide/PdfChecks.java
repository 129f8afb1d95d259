package dev.hubpress.guide;

import dev.hubpress.core.model.Heading;
import dev.hubpress.core.model.Page;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.interactive.action.PDAction;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionGoTo;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDPageDestination;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineNode;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every book of the guide must hold, read back with PDFBox: the whole hub's and each section's. */
final class PdfChecks {

    private static final Pattern TOC_ENTRY = Pattern.compile("^(.+?)\\s*\\.{3,}\\s*(\\d+)$");

    private PdfChecks() {
    }

    /** Each page's extracted text. */
    static List<String> pageTexts(PDDocument pdf) throws IOException {
        List<String> texts = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper();
        for (int i = 1; i <= pdf.getNumberOfPages(); i++) {
            stripper.setStartPage(i);
            stripper.setEndPage(i);
            texts.add(GuidePdfTest.normalise(stripper.getText(pdf)));
        }
        return texts;
    }

    /** The contents entries of these pages: one per page and one per second-level heading. */
    static long expectedTocEntries(List<Page> pages) {
        return pages.size() + pages.stream().mapToLong(p -> p.headings().stream().filter(h -> h.level() == 2).count()).sum();
    }

    /** Checks that every contents entry's printed number is the page its title is printed on; returns how many. */
    static int tocEntries(List<String> pageTexts) {
        int checked = 0;
        for (int i = 1; i < pageTexts.size() && pageTexts.get(i).contains("Contents"); i++) {
            for (String line : pageTexts.get(i).split("\n")) {
                Matcher m = TOC_ENTRY.matcher(line.strip());
                if (!m.matches()) {
                    continue;
                }
                // an entry this edition flags ends with its change mark, which its page does not print
                String title = m.group(1).strip().replaceFirst("\\s*\u00b7 changed$", "");
                int pageNumber = Integer.parseInt(m.group(2));
                assertThat(pageNumber).as("TOC entry '" + title + "'").isBetween(1, pageTexts.size());
                assertThat(pageTexts.get(pageNumber - 1)).as("TOC entry '" + title + "' says page " + pageNumber).contains(title);
                checked++;
            }
        }
        return checked;
    }

    /**
     * Checks that each chapter's contents entry names the page its title is printed on as a heading,
     * not a later page that names it only in the running head.
     */
    static void chapterEntries(List<String> pageTexts, List<Page> pages) {
        Map<String, Integer> numbers = new HashMap<>();
        for (int i = 1; i < pageTexts.size() && pageTexts.get(i).contains("Contents"); i++) {
            for (String line : pageTexts.get(i).split("\n")) {
                Matcher m = TOC_ENTRY.matcher(line.strip());
                if (m.matches()) {
                    numbers.putIfAbsent(m.group(1).strip(), Integer.parseInt(m.group(2)));
                }
            }
        }
        for (Page page : pages) {
            Integer number = numbers.get(page.title());
            assertThat(number).as("contents entry of " + page.title()).isNotNull();
            // below the running head (the page's first line, which names the chapter on every page of it)
            String body = pageTexts.get(number - 1).lines().skip(1).map(String::strip).collect(java.util.stream.Collectors.joining(" "));
            assertThat(body).as("page " + number + " prints the title of " + page.slug()).contains(page.title());
        }
    }

    /** Checks that the outline is these pages' heading tree, each entry pointing at a page that prints it. */
    static void outline(PDDocument pdf, List<String> pageTexts, List<Page> pages) throws IOException {
        List<String> expected = new ArrayList<>();
        for (Page page : pages) {
            expected.add("1 " + page.title());
            for (Heading h : page.headings()) {
                expected.add(h.level() + " " + h.text());
            }
        }
        List<String> actual = new ArrayList<>();
        List<PDOutlineItem> items = new ArrayList<>();
        walk(pdf.getDocumentCatalog().getDocumentOutline(), 1, actual, items);

        assertThat(actual).containsExactlyElementsOf(expected);
        for (PDOutlineItem item : items) {
            PDPage page = item.findDestinationPage(pdf);
            assertThat(page).as(item.getTitle()).isNotNull();
            assertThat(pageTexts.get(pdf.getPages().indexOf(page))).as("page of bookmark " + item.getTitle())
                    .contains(GuidePdfTest.normalise(item.getTitle()));
        }
    }

    /** Chapters are level 1; a heading's outline depth is its level (h2 under the chapter, h3 under h2). */
    private static void walk(PDOutlineNode node, int depth, List<String> out, List<PDOutlineItem> items) {
        for (PDOutlineItem item : node.children()) {
            out.add(depth + " " + item.getTitle());
            items.add(item);
            walk(item, depth == 1 ? 2 : depth + 1, out, items);
        }
    }

    /** Links: inside the document, to one of its pages; outside, to the web or mail only. Returns {internal, external}. */
    static int[] links(PDDocument pdf) throws IOException {
        int internal = 0;
        int external = 0;
        for (PDPage page : pdf.getPages()) {
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (!(annotation instanceof PDAnnotationLink link)) {
                    continue;
                }
                PDAction action = link.getAction();
                PDDestination destination = link.getDestination();
                if (action instanceof PDActionGoTo goTo) {
                    destination = goTo.getDestination();
                }
                if (action instanceof PDActionURI uri) {
                    assertThat(uri.getURI()).matches("(https?://|mailto:).+");
                    external++;
                } else {
                    if (destination instanceof org.apache.pdfbox.pdmodel.interactive.documentnavigation.destination.PDNamedDestination named) {
                        destination = pdf.getDocumentCatalog().findNamedDestinationPage(named);
                    }
                    assertThat(destination).isInstanceOf(PDPageDestination.class);
                    int index = ((PDPageDestination) destination).retrievePageNumber();
                    assertThat(index).isBetween(0, pdf.getNumberOfPages() - 1);
                    internal++;
                }
            }
        }
        return new int[] {internal, external};
    }

    /**
     * Checks that the document has one structure tree which holds every page's content: every
     * link annotation is the object of a Link element (through the parent tree), and the tree has
     * one H1 per chapter besides the front matter's. Returns the number of H1 elements.
     */
    static int structureTree(PDDocument pdf) throws IOException {
        PDStructureTreeRoot root = pdf.getDocumentCatalog().getStructureTreeRoot();
        assertThat(root).as("structure tree").isNotNull();
        assertThat(pdf.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
        Map<Integer, COSBase> parents = new HashMap<>();
        numbers(root.getCOSObject().getDictionaryObject(COSName.PARENT_TREE), parents);
        int links = 0;
        for (PDPage page : pdf.getPages()) {
            for (PDAnnotation annotation : page.getAnnotations()) {
                if (annotation instanceof PDAnnotationLink) {
                    int key = annotation.getStructParent();
                    assertThat(key).as("link annotation's StructParent").isGreaterThanOrEqualTo(0);
                    COSBase parent = deref(parents.get(key));
                    assertThat(parent).as("parent tree entry " + key).isInstanceOf(COSDictionary.class);
                    assertThat(((COSDictionary) parent).getNameAsString(COSName.S)).isEqualTo("Link");
                    links++;
                }
            }
        }
        assertThat(links).isPositive();
        // one Document element at the root, every element's parent the one that holds it
        COSBase k = deref(root.getCOSObject().getDictionaryObject(COSName.K));
        COSDictionary document = (COSDictionary) (k instanceof COSArray a ? singleDeref(a) : k);
        assertThat(document.getNameAsString(COSName.S)).isEqualTo("Document");
        assertThat(deref(document.getDictionaryObject(COSName.P))).isSameAs(root.getCOSObject());
        parentsHold(document);
        // each page's marked content has its own parent tree entry, an array of elements on that page,
        // each of them in the tree and holding the marked-content id it is named for (as an id, or a marked-content reference)
        java.util.Set<COSBase> inTree = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        collectElements(document, inTree);
        java.util.Set<Integer> keys = new java.util.HashSet<>();
        for (PDPage page : pdf.getPages()) {
            int key = page.getStructParents();
            if (key >= 0) {
                assertThat(keys.add(key)).as("StructParents " + key + " on one page only").isTrue();
                assertThat(deref(parents.get(key))).as("parent tree entry " + key).isInstanceOf(COSArray.class);
                COSArray elements = (COSArray) deref(parents.get(key));
                for (int id = 0; id < elements.size(); id++) {
                    if (deref(elements.get(id)) instanceof COSDictionary element) {
                        // (a Boolean: a set of elements would be printed whole, each one's parent and children with it)
                        assertThat(inTree.contains(element)).as("the element the parent tree names for marked content " + id
                                + " of the page with StructParents " + key + " is in the tree").isTrue();
                        assertThat(holds(element, id)).as("the element the parent tree names for marked content " + id
                                + " of the page with StructParents " + key + " holds it").isTrue();
                    }
                }
            }
        }
        return count(document, "H1");
    }

    /** The element and every element below it. */
    private static void collectElements(COSDictionary element, java.util.Set<COSBase> out) {
        out.add(element);
        for (COSBase kid : kids(element)) {
            if (kid instanceof COSDictionary child && child.containsKey(COSName.S)) {
                collectElements(child, out);
            }
        }
    }

    /** Whether an element's K holds this marked-content id, as an integer or in a marked-content reference. */
    private static boolean holds(COSDictionary element, int id) {
        return kids(element).stream().anyMatch(kid -> kid instanceof org.apache.pdfbox.cos.COSInteger n ? n.intValue() == id
                : kid instanceof COSDictionary mcr && COSName.getPDFName("MCR").equals(mcr.getCOSName(COSName.TYPE))
                        && mcr.getInt(COSName.MCID) == id);
    }

    /** What an element's K holds: elements, marked-content ids and references, dereferenced. */
    private static List<COSBase> kids(COSDictionary element) {
        COSBase k = deref(element.getDictionaryObject(COSName.K));
        List<COSBase> kids = new ArrayList<>();
        if (k instanceof COSArray array) {
            array.forEach(kid -> kids.add(deref(kid)));
        } else if (k != null) {
            kids.add(k);
        }
        return kids;
    }

    private static COSBase singleDeref(COSArray array) {
        assertThat(array.size()).as("elements at the structure tree's root").isEqualTo(1);
        return deref(array.get(0));
    }

    /** Every element below this one names its holder as its parent. */
    private static void parentsHold(COSDictionary element) {
        for (COSBase kid : kids(element)) {
            if (kid instanceof COSDictionary child && child.containsKey(COSName.S)) {
                assertThat(deref(child.getDictionaryObject(COSName.P))).as("parent of a " + child.getNameAsString(COSName.S)).isSameAs(element);
                parentsHold(child);
            }
        }
    }

    private static void numbers(COSBase node, Map<Integer, COSBase> out) {
        if (!(deref(node) instanceof COSDictionary d)) {
            return;
        }
        if (d.getDictionaryObject(COSName.NUMS) instanceof COSArray nums) {
            for (int i = 0; i + 1 < nums.size(); i += 2) {
                out.put(((org.apache.pdfbox.cos.COSInteger) deref(nums.get(i))).intValue(), nums.get(i + 1));
            }
        }
        if (d.getDictionaryObject(COSName.KIDS) instanceof COSArray kids) {
            for (COSBase kid : kids) {
                numbers(kid, out);
            }
        }
    }

    private static int count(COSBase node, String type) {
        int n = 0;
        if (node instanceof COSArray array) {
            for (COSBase kid : array) {
                n += count(deref(kid), type);
            }
        } else if (node instanceof COSDictionary d && d.containsKey(COSName.S)) {
            n += type.equals(d.getNameAsString(COSName.S)) ? 1 : 0;
            n += count(deref(d.getDictionaryObject(COSName.K)), type);
        }
        return n;
    }

    private static COSBase deref(COSBase base) {
        return base instanceof COSObject o ? o.getObject() : base;
    }
}
