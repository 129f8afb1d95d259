package dev.hubpress.it;

import dev.hubpress.it.SamTranslation.Result;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * cfn-lint (the linter `sam validate --lint` runs, with the SAM transform) finds nothing in
 * template.yaml: no error and no warning. {@code .ci/run} installs cfn-lint when it is missing;
 * elsewhere this test is skipped without it, saying so.
 */
class CfnLintTest {

    @Test
    void cfnLintReportsNoErrorAndNoWarning() {
        // GIVEN cfn-lint
        Result version = SamTranslation.run(List.of("cfn-lint", "--version"), 60);
        Assumptions.assumeTrue(version.exitCode() == 0,
                "cfn-lint is not installed (pip install cfn-lint; .ci/run installs it): template.yaml is not linted here");

        // WHEN it lints the template
        Result lint = SamTranslation.run(List.of("cfn-lint", "--format", "parseable", "template.yaml"), 300);

        // THEN it reports nothing (exit code 2 means errors, 4 warnings, 8 informational findings)
        assertThat(lint.stdout() + lint.stderr()).as(version.stdout().strip() + " on template.yaml").isBlank();
        assertThat(lint.exitCode()).as(version.stdout().strip() + " exit code").isZero();
    }
}
