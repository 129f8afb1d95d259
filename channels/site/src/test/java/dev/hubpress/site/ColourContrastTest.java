package dev.hubpress.site;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WCAG 2.2 AA contrast of the stylesheet's colour pairs, in light and dark mode: 4.5:1 for text,
 * 3:1 for graphics such as chart bars and focus rings (success criteria 1.4.3 and 1.4.11).
 */
class ColourContrastTest {

    private static final Pattern VARIABLE = Pattern.compile("--([a-z-]+):\\s*(#[0-9a-fA-F]{6})");

    @ParameterizedTest(name = "{0} mode: {1} on {2} ≥ {3}")
    @CsvSource({
            "light, text, bg, 4.5", "light, muted, bg, 4.5", "light, link, bg, 4.5", "light, link-visited, bg, 4.5",
            "light, text, bg-soft, 4.5", "light, muted, bg-soft, 4.5", "light, link, bg-soft, 4.5",
            "light, accent, bg, 3", "light, accent-soft, bg, 3", "light, focus, bg, 3",
            "light, removed, removed-bg, 4.5", "light, added, added-bg, 4.5",
            "dark, text, bg, 4.5", "dark, muted, bg, 4.5", "dark, link, bg, 4.5", "dark, link-visited, bg, 4.5",
            "dark, text, bg-soft, 4.5", "dark, muted, bg-soft, 4.5", "dark, link, bg-soft, 4.5",
            "dark, accent, bg, 3", "dark, accent-soft, bg, 3", "dark, focus, bg, 3",
            "dark, removed, removed-bg, 4.5", "dark, added, added-bg, 4.5",
    })
    void colourPairsMeetWcagAa(String mode, String foreground, String background, double minimum) throws IOException {
        // given the stylesheet's colours for the mode
        Map<String, String> colours = colours(mode);

        // when the contrast of the pair is computed
        double ratio = contrast(colours.get(foreground), colours.get(background));

        // then it meets the minimum
        assertThat(ratio).as("%s %s on %s", colours.get(foreground), foreground, background).isGreaterThanOrEqualTo(minimum);
    }

    /** Light colours from :root; dark mode overrides them inside the prefers-color-scheme block. */
    private static Map<String, String> colours(String mode) throws IOException {
        String css = stylesheet();
        int dark = css.indexOf("@media (prefers-color-scheme: dark)");
        Map<String, String> colours = new HashMap<>(variables(css.substring(0, dark)));
        if (mode.equals("dark")) {
            colours.putAll(variables(css.substring(dark, css.indexOf("}\n}", dark))));
        }
        return colours;
    }

    private static Map<String, String> variables(String css) {
        Map<String, String> vars = new HashMap<>();
        Matcher m = VARIABLE.matcher(css);
        while (m.find()) {
            vars.put(m.group(1), m.group(2));
        }
        return vars;
    }

    private static String stylesheet() throws IOException {
        try (InputStream in = ColourContrastTest.class.getResourceAsStream("/assets/site.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double r = channel(Integer.parseInt(hex.substring(1, 3), 16));
        double g = channel(Integer.parseInt(hex.substring(3, 5), 16));
        double b = channel(Integer.parseInt(hex.substring(5, 7), 16));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    }

    private static double channel(int value) {
        double c = value / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
