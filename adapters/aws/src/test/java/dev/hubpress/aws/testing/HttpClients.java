package dev.hubpress.aws.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The one HTTP client rule: a function may carry the URL-connection client and no other. Checked on
 * a function module's test classpath (its tests) and on its packaged jar (PackagingIT).
 */
public final class HttpClients {

    /** Classes of the HTTP clients no function may carry. */
    public static final List<String> FORBIDDEN_CLASSES = List.of(
            "software.amazon.awssdk.http.apache.ApacheHttpClient",
            "software.amazon.awssdk.http.apache5.Apache5HttpClient",
            "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient",
            "org.apache.http.impl.client.CloseableHttpClient",
            "org.apache.hc.client5.http.impl.classic.CloseableHttpClient",
            "io.netty.channel.Channel");

    /** Entry prefixes of those clients inside a jar. */
    public static final List<String> FORBIDDEN_ENTRIES = List.of(
            "software/amazon/awssdk/http/apache/",
            "software/amazon/awssdk/http/apache5/",
            "software/amazon/awssdk/http/nio/netty/",
            "org/apache/http/",
            "org/apache/hc/",
            "io/netty/");

    private HttpClients() {
    }

    /** The forbidden client classes a class loader can load (none, for a function). */
    public static List<String> forbiddenLoadable(ClassLoader loader) {
        List<String> found = new ArrayList<>();
        for (String name : FORBIDDEN_CLASSES) {
            try {
                Class.forName(name, false, loader);
                found.add(name);
            } catch (ClassNotFoundException e) {
                // absent, as it must be
            }
        }
        return found;
    }

    public static boolean urlConnectionLoadable(ClassLoader loader) {
        try {
            Class.forName("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient", false, loader);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The entries of a jar that belong to a forbidden client. */
    public static List<String> forbiddenEntries(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(e -> e.getName())
                    .filter(name -> FORBIDDEN_ENTRIES.stream().anyMatch(name::startsWith))
                    .limit(20).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
