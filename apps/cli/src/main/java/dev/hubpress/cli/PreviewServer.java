package dev.hubpress.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves the site folder on the loopback interface only, as a static host would: {@code /} and
 * {@code /dir/} serve {@code index.html}, unknown paths the site's {@code 404.html} with status 404.
 * Nothing outside the folder, and no hidden file, is ever served. {@code /api/} may be given to the
 * subscription endpoints ({@link #serveApi}).
 */
public final class PreviewServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("xml", "application/xml; charset=utf-8"),
            Map.entry("rss", "application/rss+xml; charset=utf-8"),
            Map.entry("atom", "application/atom+xml; charset=utf-8"),
            Map.entry("xsl", "application/xslt+xml; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("md", "text/markdown; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("eml", "message/rfc822"));

    private final Path root;
    private final HttpServer server;
    private final ExecutorService executor;

    private PreviewServer(Path root, HttpServer server, ExecutorService executor) {
        this.root = root;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving the folder on 127.0.0.1.
     *
     * @param port 0 for any free port
     * @throws java.net.BindException when the port is taken
     */
    public static PreviewServer start(Path siteFolder, int port) throws IOException {
        Path root = siteFolder.toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "preview-http");
            thread.setDaemon(true);
            return thread;
        });
        PreviewServer preview = new PreviewServer(root, server, executor);
        server.createContext("/", preview::handle);
        server.setExecutor(executor);
        server.start();
        return preview;
    }

    /**
     * Hands {@code /api/} to {@code api} (the subscription endpoints) instead of the site folder,
     * as the CDN does on AWS; methods other than GET and HEAD are its to answer.
     */
    public void serveApi(com.sun.net.httpserver.HttpHandler api) {
        server.createContext("/api/", api);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The Content-Type for a file name, by extension. */
    public static String contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(exchange, 405, "405 Method Not Allowed", head);
                return;
            }
            String rawPath = exchange.getRequestURI().getRawPath();
            String path;
            try {
                path = URLDecoder.decode(rawPath == null ? "/" : rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                sendText(exchange, 400, "400 Bad Request", head);
                return;
            }
            if (!path.startsWith("/") || path.indexOf('\0') >= 0 || path.contains("\\")) {
                sendText(exchange, 400, "400 Bad Request", head);
                return;
            }
            for (String segment : path.substring(1).split("/")) {
                if (segment.equals("..") || segment.equals(".")) {
                    sendText(exchange, 400, "400 Bad Request", head);
                    return;
                }
                if (segment.startsWith(".")) {
                    notFound(exchange, head);
                    return;
                }
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root)) {
                sendText(exchange, 400, "400 Bad Request", head);
                return;
            }
            if (Files.isDirectory(file)) {
                if (!path.endsWith("/")) {
                    String query = exchange.getRequestURI().getRawQuery();
                    exchange.getResponseHeaders().set("Location", rawPath + "/" + (query == null ? "" : "?" + query));
                    sendText(exchange, 301, "301 Moved Permanently", head);
                    return;
                }
                file = file.resolve("index.html");
            }
            if (!serve(exchange, file, 200, head)) {
                notFound(exchange, head);
            }
        } finally {
            exchange.close();
        }
    }

    private void notFound(HttpExchange exchange, boolean head) throws IOException {
        if (!serve(exchange, root.resolve("404.html"), 404, head)) {
            sendText(exchange, 404, "404 Not Found", head);
        }
    }

    /** Sends the file if it is a regular file really inside the site folder; false when it is not. */
    private boolean serve(HttpExchange exchange, Path file, int status, boolean head) throws IOException {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(root.toRealPath())) {
                return false;
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        send(exchange, status, contentType(file.getFileName().toString()), bytes, head);
        return true;
    }

    private static void sendText(HttpExchange exchange, int status, String text, boolean head) throws IOException {
        send(exchange, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8), head);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] bytes, boolean head) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        // A preview always shows the latest publish.
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        }
    }
}
