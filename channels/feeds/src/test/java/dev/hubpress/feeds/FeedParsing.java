package dev.hubpress.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import dev.hubpress.core.channel.Artifact;
import dev.hubpress.core.testing.AtomSchema;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads feeds back the way a careful consumer does: every XML parser here refuses DOCTYPEs
 * (no entity expansion, no external fetches), Rome for RSS and Atom, the W3C DOM for plain
 * well-formedness, Jing with the RFC 4287 RELAX NG schema for Atom, Jackson for JSON Feed.
 */
final class FeedParsing {

    static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final Pattern URL_ATTRIBUTE = Pattern.compile("\\s(?:href|src|srcset|poster|action|cite|data)\\s*=\\s*\"([^\"]*)\"",
            Pattern.CASE_INSENSITIVE);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedParsing() {
    }

    /** Rome's reading of an RSS or Atom feed, with DOCTYPEs refused. */
    static SyndFeed rome(Artifact feed) {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(false);
        input.setPreserveWireFeed(true);
        try {
            return input.build(new InputSource(new ByteArrayInputStream(feed.bytes())));
        } catch (FeedException e) {
            throw new AssertionError(feed.key() + " does not parse with Rome: " + e.getMessage(), e);
        }
    }

    /** A namespace-aware DOM of the feed; throws on anything not well-formed, and on any DOCTYPE. */
    static Document dom(byte[] xml) throws SAXException, IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(Artifact feed) {
        try {
            return JSON.readTree(feed.bytes());
        } catch (IOException e) {
            throw new AssertionError(feed.key() + " is not JSON: " + e.getMessage(), e);
        }
    }

    /** Errors of validating the document against the Atom schema (RFC 4287, Appendix B); empty when valid. */
    static List<String> atomSchemaErrors(byte[] xml) throws IOException, SAXException {
        return AtomSchema.errors(xml);
    }

    /** Every URL-valued attribute (href, src, …) in an HTML fragment. */
    static List<String> urls(String html) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL_ATTRIBUTE.matcher(html);
        while (m.find()) {
            urls.add(m.group(1));
        }
        return urls;
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
