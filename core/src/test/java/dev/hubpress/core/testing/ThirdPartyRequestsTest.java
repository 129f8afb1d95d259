package dev.hubpress.core.testing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The privacy rule itself: it catches what loads from elsewhere, and lets links and the hub's own host be. */
class ThirdPartyRequestsTest {

    private static final String HOST = "hub.example.com";

    @Test
    void aTrackingPixelAScriptAFrameAStylesheetAndAFontFromAnotherHostAreEachFound() {
        String html = """
                <!DOCTYPE html><html><head><title>t</title>
                <link rel="stylesheet" href="https://cdn.example.net/site.css">
                <script src="//tracker.example.org/t.js"></script>
                <style>@font-face { src: url("https://fonts.example.net/f.woff2"); }</style>
                </head><body>
                <img src="https://tracker.example.org/pixel.gif" alt="">
                <iframe src="https://video.example.net/embed"></iframe>
                <p style="background: url(https://img.example.net/bg.png)">x</p>
                <picture><source srcset="a.png 1x, https://img.example.net/b.png 2x"></picture>
                </body></html>""";

        assertThat(ThirdPartyRequests.inHtml(html, HOST)).containsExactly(
                "<link href=\"https://cdn.example.net/site.css\">",
                "<script src=\"//tracker.example.org/t.js\">",
                "<style>: url(\"https://fonts.example.net/f.woff2",
                "<img src=\"https://tracker.example.org/pixel.gif\">",
                "<iframe src=\"https://video.example.net/embed\">",
                "<p style>: url(https://img.example.net/bg.png",
                "<source srcset=\"https://img.example.net/b.png\">");
    }

    @Test
    void linksToOtherHostsRelativeInlineAndOwnHostResourcesAreAllowed() {
        String html = """
                <!DOCTYPE html><html><head><title>t</title>
                <link rel="canonical" href="https://hub.example.com/x.html">
                <link rel="alternate" type="application/atom+xml" href="https://elsewhere.example.net/feed">
                <link rel="stylesheet" href="assets/site.css">
                </head><body>
                <a href="https://elsewhere.example.net/">a link a reader chooses</a>
                <img src="https://hub.example.com/feeds/icon.svg" alt="">
                <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="">
                <img src="../chart.svg" alt="">
                </body></html>""";

        assertThat(ThirdPartyRequests.inHtml(html, HOST)).isEmpty();
    }
}
