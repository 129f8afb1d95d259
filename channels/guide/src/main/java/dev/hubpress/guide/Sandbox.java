package dev.hubpress.guide;

import com.openhtmltopdf.extend.FSStream;
import com.openhtmltopdf.extend.FSStreamFactory;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;

import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;

/**
 * Keeps the layout engine from loading anything: the guide is one self-contained document (CSS
 * inline, fonts registered from the jar, the chart as inline SVG), so every URI it might ask for —
 * an image, a stylesheet, a font, an SVG reference, over http(s), file:, jar:, data: or anything
 * else — is refused before it is resolved, after it is resolved, and again at the stream layer.
 * Refused URIs are recorded for tests and diagnostics.
 */
final class Sandbox {

    /** Schemes given a refusing stream factory, in case a URI ever got past the access controls. */
    private static final Set<String> SCHEMES = Set.of("http", "https", "file", "jar", "ftp", "data", "classpath", "mailto",
            "gopher", "jrt", "netdoc", "about");

    private final List<String> refused = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void install(PdfRendererBuilder builder) {
        // The engine's messages go here instead of its java.util.logging output: warnings are kept
        // for tests and diagnostics, routine notes are dropped.
        builder.withDiagnosticConsumer(this::diagnostic);
        builder.useExternalResourceAccessControl((uri, type) -> refuse(uri), ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> refuse(uri), ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.useUriResolver((base, uri) -> {
            refuse(uri);
            return null;
        });
        FSStreamFactory nothing = uri -> {
            refuse(uri);
            return new EmptyStream();
        };
        builder.useHttpStreamImplementation(nothing);
        builder.useProtocolsStreamImplementation(nothing, SCHEMES);
    }

    private synchronized boolean refuse(String uri) {
        refused.add(String.valueOf(uri));
        return false;
    }

    private synchronized void diagnostic(Diagnostic d) {
        if (d.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(d.getFormattedMessage());
        }
    }

    /** The engine's warnings and errors during the render. */
    synchronized List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Every URI the engine asked for during the render (all refused). */
    synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    private static final class EmptyStream implements FSStream {
        @Override
        public InputStream getStream() {
            return null;
        }

        @Override
        public Reader getReader() {
            return null;
        }
    }
}
