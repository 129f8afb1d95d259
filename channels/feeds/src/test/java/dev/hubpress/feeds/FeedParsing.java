package dev.hubpress.feeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import dev.hubpress.core.channel.Artifact;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
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
        List<String> errors = new ArrayList<>();
        ErrorHandler collect = new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings are not failures
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ":" + e.getColumnNumber() + ": " + e.getMessage());
            }
        };
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, collect);
        properties.put(ValidateProperty.XML_READER_CREATOR, (com.thaiopensource.xml.sax.XMLReaderCreator) FeedParsing::secureReader);
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        URL schema = FeedParsing.class.getResource("/schemas/atom.rnc");
        if (schema == null) {
            throw new IllegalStateException("schemas/atom.rnc is not on the test classpath");
        }
        try (InputStream in = schema.openStream()) {
            InputSource source = new InputSource(in);
            source.setSystemId(schema.toExternalForm());
            if (!driver.loadSchema(source)) {
                throw new IllegalStateException("the Atom schema does not load: " + errors);
            }
        }
        boolean valid = driver.validate(new InputSource(new ByteArrayInputStream(xml)));
        if (!valid && errors.isEmpty()) {
            errors.add("invalid (no message)");
        }
        return errors;
    }

    private static XMLReader secureReader() throws SAXException {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSAXParser().getXMLReader();
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
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
