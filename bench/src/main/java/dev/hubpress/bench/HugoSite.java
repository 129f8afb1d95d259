package dev.hubpress.bench;

import dev.hubpress.core.content.ContentFile;
import dev.hubpress.core.content.ContentTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The same generated Markdown as a Hugo site, so Hugo renders comparable pages: a minimal theme of
 * our own (baseof / single / list templates with head metadata, section navigation, breadcrumbs,
 * table of contents, footer), a link render hook that turns our {@code page.md#anchor} links into
 * {@code page.html#anchor} as our site does, ugly URLs ({@code s3/page-3.html}, like ours), RSS of
 * the 50 newest pages on the home page. Taxonomy pages are off (our site has none).
 *
 * <p>Front matter: title, summary and tags stay; {@code order} becomes Hugo's {@code weight};
 * {@code section} (Hugo takes the section from the folder) is dropped; every {@code index.md} becomes
 * {@code _index.md}, the home or section page.
 */
final class HugoSite {

    private HugoSite() {
    }

    static void write(ContentTree tree, Path root) throws IOException {
        ScaleBench.deleteTree(root);
        for (ContentFile file : tree.files()) {
            if (!file.path().endsWith(".md")) {
                continue;
            }
            // A folder's index.md is its section page; as index.md Hugo would make the folder one page.
            String path = file.path().equals("index.md") || file.path().endsWith("/index.md")
                    ? file.path().substring(0, file.path().length() - "index.md".length()) + "_index.md" : file.path();
            Path target = root.resolve("content").resolve(path);
            Files.createDirectories(target.getParent());
            Files.writeString(target, frontMatter(new String(file.bytes(), StandardCharsets.UTF_8)));
        }
        write(root.resolve("config.toml"), """
                baseURL = "https://bench.example.com/"
                title = "Synthetic Hub"
                languageCode = "en"
                uglyURLs = true
                disableKinds = ["taxonomy", "term"]
                enableRobotsTXT = true

                [outputs]
                home = ["HTML", "RSS"]
                section = ["HTML"]
                page = ["HTML"]

                [services.rss]
                limit = 50

                [markup.goldmark.renderer]
                unsafe = false

                [markup.tableOfContents]
                startLevel = 2
                endLevel = 3
                """);
        write(root.resolve("layouts/_default/baseof.html"), """
                <!DOCTYPE html>
                <html lang="{{ .Site.LanguageCode }}">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>{{ if .IsHome }}{{ .Site.Title }}{{ else }}{{ .Title }} — {{ .Site.Title }}{{ end }}</title>
                <meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ .Site.Title }}{{ end }}">
                <link rel="canonical" href="{{ .Permalink }}">
                <meta property="og:title" content="{{ .Title }}">
                <meta property="og:url" content="{{ .Permalink }}">
                <link rel="stylesheet" href="{{ "site.css" | relURL }}">
                {{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">{{ end }}
                </head>
                <body>
                <a class="skip" href="#main">Skip to content</a>
                <header><nav aria-label="Sections"><ul>
                {{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
                </ul></nav></header>
                {{ if not .IsHome }}<nav aria-label="Breadcrumb"><a href="{{ "" | relURL }}">Home</a>{{ with .Parent }}{{ if not .IsHome }} › <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}{{ end }} › {{ .Title }}</nav>{{ end }}
                <main id="main">{{ block "main" . }}{{ end }}</main>
                <footer><p>{{ .Site.Title }} · <a href="{{ "sitemap.xml" | relURL }}">Sitemap</a></p></footer>
                </body>
                </html>
                """);
        write(root.resolve("layouts/_default/single.html"), """
                {{ define "main" }}
                <article>
                <h1>{{ .Title }}</h1>
                <p class="summary">{{ .Params.summary }}</p>
                <p class="updated">Updated <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "2 January 2006" }}</time></p>
                {{ if ge (len .TableOfContents) 40 }}<nav class="toc" aria-label="On this page">{{ .TableOfContents }}</nav>{{ end }}
                {{ .Content }}
                </article>
                {{ end }}
                """);
        write(root.resolve("layouts/_default/list.html"), """
                {{ define "main" }}
                <h1>{{ .Title }}</h1>
                {{ .Content }}
                <ul class="listing">
                {{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> — {{ .Params.summary }}</li>{{ end }}
                </ul>
                {{ end }}
                """);
        write(root.resolve("layouts/_default/_markup/render-link.html"),
                "<a href=\"{{ replace .Destination \".md\" \".html\" | safeURL }}\"{{ with .Title }} title=\"{{ . }}\"{{ end }}>{{ .Text | safeHTML }}</a>");
        write(root.resolve("static/site.css"), "body{font-family:serif;max-width:40rem;margin:auto}\n");
    }

    /** Our front matter in Hugo's terms: order → weight, section dropped (Hugo derives it from the folder). */
    static String frontMatter(String text) {
        int end = text.indexOf("\n---\n", 4);
        String yaml = text.substring(4, end);
        StringBuilder out = new StringBuilder("---\n");
        for (String line : yaml.split("\n")) {
            if (line.startsWith("section:") || line.startsWith("kind:")) {
                continue;
            }
            out.append(line.startsWith("order:") ? "weight:" + line.substring("order:".length()) : line).append('\n');
        }
        return out.append(text.substring(end + 1)).toString();
    }

    private static void write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
