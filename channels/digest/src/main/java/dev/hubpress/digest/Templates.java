package dev.hubpress.digest;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/** The channel's JTE templates (src/main/jte), compiled ahead of time; HTML output escapes every value. */
final class Templates {

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html, null, "dev.hubpress.digest.jte");

    private Templates() {
    }

    static String render(String template, Object view, int capacity) {
        StringOutput html = new StringOutput(capacity);
        ENGINE.render(template, view, html);
        return html.toString();
    }
}
