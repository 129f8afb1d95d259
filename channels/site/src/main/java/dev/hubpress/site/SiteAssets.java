package dev.hubpress.site;

import dev.hubpress.core.content.Hashing;
import dev.hubpress.core.channel.Artifact;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The site's own static files (stylesheet, icon, the search page's script), loaded once from the classpath and published
 * under fingerprinted names so they can be cached forever and never requested from elsewhere.
 */
final class SiteAssets {

    private final Artifact stylesheet;
    private final Artifact icon;
    private final Artifact searchScript;

    SiteAssets() {
        stylesheet = fingerprinted("site.css", "text/css; charset=utf-8");
        icon = fingerprinted("icon.svg", "image/svg+xml");
        searchScript = fingerprinted("search.js", "text/javascript; charset=utf-8");
    }

    String stylesheetKey() {
        return stylesheet.key();
    }

    /** The stylesheet's text (ours, with no {@code </style>} in it), for a page that carries it inside. */
    String stylesheetText() {
        return new String(stylesheet.bytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    String iconKey() {
        return icon.key();
    }

    /** The search page's script, the site's only one. */
    String searchScriptKey() {
        return searchScript.key();
    }

    List<Artifact> artifacts() {
        return List.of(stylesheet, icon, searchScript);
    }

    private static Artifact fingerprinted(String name, String contentType) {
        byte[] bytes = read("/assets/" + name);
        int dot = name.lastIndexOf('.');
        String key = "assets/" + name.substring(0, dot) + "." + Hashing.sha256Hex(bytes).substring(0, 10) + name.substring(dot);
        return new Artifact(key, bytes, contentType, Artifact.CachePolicy.IMMUTABLE);
    }

    private static byte[] read(String resource) {
        try (InputStream in = SiteAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing site asset on the classpath: " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
