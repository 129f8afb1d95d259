package dev.hubpress.core.testing;

import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.dom.HtmlDocumentBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** HTML parsed back as a browser parses it (the Nu checker's HTML5 parser), for tests that read what a page says. */
public final class HtmlDom {

    private HtmlDom() {
    }

    public static Document parse(String html) {
        try {
            HtmlDocumentBuilder builder = new HtmlDocumentBuilder(XmlViolationPolicy.ALTER_INFOSET);
            return builder.parse(new InputSource(new StringReader(html)));
        } catch (Exception e) {
            throw new AssertionError("unparsable HTML: " + e.getMessage(), e);
        }
    }

    /** The elements with this tag name, in document order. */
    public static List<Element> elements(Document document, String tag) {
        NodeList nodes = document.getElementsByTagName(tag);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The text of each element with this tag name, white space collapsed. */
    public static List<String> texts(String html, String tag) {
        return elements(parse(html), tag).stream().map(e -> e.getTextContent().replaceAll("\\s+", " ").strip()).toList();
    }
}
