package dev.hubpress.core.testing;

import nu.validator.checker.DatatypeMismatchException;
import nu.validator.checker.InfoAwareErrorHandler;
import nu.validator.checker.VnuBadAttrValueException;
import nu.validator.checker.VnuBadElementNameException;
import nu.validator.datatype.Html5DatatypeException;
import nu.validator.validation.SimpleDocumentValidator;
import nu.validator.vendor.thaiopensource.relaxng.exceptions.BadAttributeValueException;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Nu Html Checker (vnu) in-process: the same checker as validator.w3.org/nu, with its schemas
 * read from the jar (no network). Schema set-up is slow, so one instance is reused; checks are
 * serialised because the validator is not thread-safe. Shared with the other modules that
 * publish HTML (digest emails, the local command) through this module's test-jar.
 */
public final class NuHtmlChecker {

    /** One message; type is error, fatal, warning or info. */
    public record Problem(String type, int line, int column, String message) {
        public boolean isError() {
            return type.equals("error") || type.equals("fatal");
        }

        @Override
        public String toString() {
            return type + " " + line + ":" + column + " " + message;
        }
    }

    private static final String HTML5_SCHEMA = "http://s.validator.nu/html5-all.rnc";

    private final SimpleDocumentValidator validator;
    private final CollectingHandler handler = new CollectingHandler();

    public NuHtmlChecker() {
        // vnu logs per document at DEBUG through log4j 1.x unless told otherwise.
        org.apache.log4j.Logger vnu = org.apache.log4j.Logger.getLogger("nu.validator");
        if (vnu.getLevel() == null) {
            vnu.setLevel(org.apache.log4j.Level.WARN);
        }
        try {
            validator = new SimpleDocumentValidator(false, false, false);
            validator.setUpMainSchema(HTML5_SCHEMA, new FailOnSchemaError());
            validator.setUpValidatorAndParsers(handler, false, false);
        } catch (Exception e) {
            throw new IllegalStateException("could not set up the Nu Html Checker", e);
        }
    }

    public synchronized List<Problem> check(String html) {
        List<Problem> problems = new ArrayList<>();
        handler.target = problems;
        try {
            InputSource in = new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
            in.setEncoding("UTF-8");
            validator.checkHtmlInputSource(in);
        } catch (IOException | SAXException e) {
            problems.add(new Problem("fatal", -1, -1, String.valueOf(e.getMessage())));
        } finally {
            handler.target = null;
        }
        return problems;
    }

    public List<Problem> errors(String html) {
        return check(html).stream().filter(Problem::isError).toList();
    }

    private static final class CollectingHandler implements InfoAwareErrorHandler {
        List<Problem> target;

        private void add(String type, SAXParseException e) {
            if (target != null) {
                target.add(new Problem(type, e.getLineNumber(), e.getColumnNumber(), String.valueOf(e.getMessage())));
            }
        }

        @Override
        public void warning(SAXParseException e) {
            add("warning", e);
        }

        @Override
        public void error(SAXParseException e) {
            // vnu's own reporter demotes some datatype errors to warnings; do the same.
            Map<?, ?> datatypeErrors = datatypeErrors(e);
            if (datatypeErrors != null) {
                for (Object dex : datatypeErrors.values()) {
                    if (dex instanceof Html5DatatypeException h5 && h5.isWarning()) {
                        add("warning", e);
                        return;
                    }
                }
            }
            add("error", e);
        }

        @Override
        public void fatalError(SAXParseException e) {
            add("fatal", e);
        }

        @Override
        public void info(SAXParseException e) {
            add("info", e);
        }

        private static Map<?, ?> datatypeErrors(SAXParseException e) {
            if (e instanceof BadAttributeValueException x) {
                return x.getExceptions();
            }
            if (e instanceof VnuBadAttrValueException x) {
                return x.getExceptions();
            }
            if (e instanceof VnuBadElementNameException x) {
                return x.getExceptions();
            }
            if (e instanceof DatatypeMismatchException x) {
                return x.getExceptions();
            }
            return null;
        }
    }

    private static final class FailOnSchemaError implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // schema warnings do not concern the documents we check
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
