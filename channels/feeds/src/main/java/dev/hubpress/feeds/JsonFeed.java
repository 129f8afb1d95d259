package dev.hubpress.feeds;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static dev.hubpress.feeds.Xml10.clean;

/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1), written field by field with Jackson's
 * streaming generator: property order is the code's order, indentation and line ends are fixed,
 * so the bytes depend on nothing but the feed. Text is cleaned like the XML feeds' text, so all
 * three formats say the same thing.
 */
final class JsonFeed {

    static final String TYPE = "application/feed+json";
    static final String VERSION = "https://jsonfeed.org/version/1.1";
    private static final JsonFactory JSON = new JsonFactory();

    private JsonFeed() {
    }

    static String write(FeedInfo info) {
        StringWriter out = new StringWriter(4096 + info.entries().size() * 2048);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.setPrettyPrinter(pretty);
            json.writeStartObject();
            json.writeStringField("version", VERSION);
            json.writeStringField("title", clean(info.title()));
            json.writeStringField("home_page_url", info.homeUrl());
            json.writeStringField("feed_url", info.selfUrl());
            json.writeStringField("description", clean(info.subtitle()));
            json.writeStringField("icon", info.iconUrl());
            json.writeStringField("favicon", info.iconUrl());
            json.writeArrayFieldStart("authors");
            json.writeStartObject();
            json.writeStringField("name", clean(info.author()));
            json.writeStringField("url", info.homeUrl());
            json.writeEndObject();
            json.writeEndArray();
            json.writeStringField("language", clean(info.language()));
            json.writeArrayFieldStart("items");
            for (FeedEntry entry : info.entries()) {
                json.writeStartObject();
                json.writeStringField("id", entry.id());
                json.writeStringField("url", entry.url());
                json.writeStringField("title", clean(entry.title()));
                json.writeStringField("content_html", clean(entry.contentHtml()));
                json.writeStringField("summary", clean(entry.summary()));
                json.writeStringField("date_published", date(entry.date()));
                json.writeStringField("date_modified", date(entry.date()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    /** RFC 3339 in UTC to the second, as the XML feeds write their dates. */
    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
