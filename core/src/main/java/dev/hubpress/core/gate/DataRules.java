package dev.hubpress.core.gate;

import dev.hubpress.core.content.GateError;
import dev.hubpress.core.load.ContentReader;
import dev.hubpress.core.load.YamlMapping;

import java.util.List;
import java.util.Optional;

/** data/compensation.yaml: a currency and at least one level, each with a whole-number range of sensible size. */
final class DataRules {

    /** The largest amount a band may name: far beyond any pay in any currency, and within what a chart can scale. */
    static final long MAX_AMOUNT = 1_000_000_000_000L;

    private DataRules() {
    }

    /** @return whether the compensation data is there and usable (a page may then chart it) */
    static boolean check(Optional<YamlMapping> compensation, List<GateError> errors) {
        if (compensation.isEmpty()) {
            return false;
        }
        YamlMapping yaml = compensation.get();
        Fields fields = new Fields(ContentReader.COMPENSATION_DATA, errors);
        boolean currency = fields.required(yaml, "currency").isPresent();
        fields.integer(yaml, "source");
        fields.text(yaml, "basis");
        int levels = 0;
        try {
            for (YamlMapping level : yaml.mappings("levels")) {
                boolean id = fields.required(level, "id").isPresent();
                boolean label = fields.required(level, "label").isPresent();
                for (String key : List.of("titles", "years", "measure", "note")) {
                    fields.text(level, key);
                }
                try {
                    level.bool("openEnded");
                } catch (YamlMapping.Problem p) {
                    fields.report(p);
                }
                Optional<Long> min = fields.integer(level, "min");
                Optional<Long> max = fields.integer(level, "max");
                if (min.isEmpty() || max.isEmpty()) {
                    fields.error(level.line(), "each level needs whole-number min and max");
                } else if (min.get() < 0 || min.get() > max.get()) {
                    fields.error(level.lineOf("min"), "min must be between 0 and max");
                } else if (max.get() > MAX_AMOUNT) {
                    fields.error(level.lineOf("max"), "max is " + max.get() + "; amounts go up to " + MAX_AMOUNT
                            + " (a trillion), in the currency's units");
                } else if (id && label) {
                    levels++;
                }
            }
        } catch (YamlMapping.Problem p) {
            fields.report(p);
        }
        if (levels == 0) {
            fields.error(yaml.lineOf("levels"), "levels must list at least one level");
        }
        return currency && levels > 0;
    }
}
