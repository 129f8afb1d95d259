package dev.hubpress.core.testing;

import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates Atom documents with Jing against the RELAX NG grammar of RFC 4287 (Appendix B,
 * {@code schemas/atom.rnc} in this test-jar): what every module that writes an Atom feed (the
 * feeds channel, the site's digest archive) checks its feeds with. No DOCTYPE is read.
 */
public final class AtomSchema {

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";

    private AtomSchema() {
    }

    /** Errors of validating the document against the Atom schema, {@code line:column: message}; empty when valid. */
    public static List<String> errors(byte[] xml) throws IOException, SAXException {
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
        properties.put(ValidateProperty.XML_READER_CREATOR, (com.thaiopensource.xml.sax.XMLReaderCreator) AtomSchema::secureReader);
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        URL schema = AtomSchema.class.getResource("/schemas/atom.rnc");
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
}
