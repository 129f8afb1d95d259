package dev.hubpress.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.hubpress.it.TemplateTest.map;

/**
 * template.yaml "deployed by translation": the SAM translator (the transform `sam deploy` and
 * CloudFormation run) applied to it once per samconfig.toml environment, with that environment's
 * stack name, region and parameter overrides, by {@code tests/src/test/resources/sam/translate.py}.
 * Needs python3 with the {@code samtranslator} package ({@code pip install cfn-lint} brings it;
 * {@code .ci/run} installs it): without them the tests that need a translation are skipped, saying so.
 */
final class SamTranslation {

    /** Every stack of the translation lives in this one account: the worst case for names. */
    static final String ACCOUNT_ID = "123456789012";

    private static Map<String, Environment> translated;

    /** One samconfig.toml environment, translated. */
    record Environment(String name, String stackName, String region, Map<String, String> parameters,
                       Map<String, Object> template) {

        Map<String, Object> resources() {
            return map(template.get("Resources"));
        }

        /** The parameters and pseudo parameters a value of this stack resolves with. */
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>(parameters);
            values.put("AWS::StackName", stackName);
            values.put("AWS::Region", region);
            values.put("AWS::AccountId", ACCOUNT_ID);
            values.put("AWS::Partition", "aws");
            values.put("AWS::URLSuffix", "amazonaws.com");
            return values;
        }

        StackValues stack() {
            return new StackValues(stackName, values(), map(template.get("Conditions")), resources());
        }
    }

    private SamTranslation() {
    }

    /** Skips the calling test, saying why, when python3 or its samtranslator package is missing. */
    static void assumeTranslatorInstalled() {
        Assumptions.assumeTrue(run(List.of("python3", "-c", "import samtranslator, tomllib"), 60).exitCode() == 0,
                "python3 (3.11+) with the samtranslator package is not installed (pip install cfn-lint brings it): "
                        + "template.yaml is not translated, and what only a translation shows is not checked");
    }

    /** Every samconfig.toml environment with deploy parameters, translated (once per test run). */
    static synchronized Map<String, Environment> environments() {
        assumeTranslatorInstalled();
        if (translated == null) {
            Path root = Repository.root();
            Result result = run(List.of("python3", root.resolve("tests/src/test/resources/sam/translate.py").toString(),
                    root.resolve("template.yaml").toString(), root.resolve("samconfig.toml").toString(), ACCOUNT_ID), 300);
            if (result.exitCode() != 0) {
                throw new AssertionError("the SAM translator refuses template.yaml:\n" + result.stderr());
            }
            Map<String, Environment> environments = new LinkedHashMap<>();
            try {
                @SuppressWarnings("unchecked")
                Map<String, Object> json = new ObjectMapper().readValue(result.stdout(), Map.class);
                json.forEach((name, value) -> {
                    Map<String, Object> env = map(value);
                    Map<String, String> parameters = new LinkedHashMap<>();
                    map(env.get("parameters")).forEach((k, v) -> parameters.put(k, String.valueOf(v)));
                    environments.put(name, new Environment(name, (String) env.get("stack_name"), (String) env.get("region"),
                            parameters, map(env.get("template"))));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            translated = environments;
        }
        return translated;
    }

    /** What a command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs a command in the repository root; exit code 127 when it cannot be started at all. */
    static Result run(List<String> command, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("command", ".out");
            Path err = Files.createTempFile("command", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(Repository.root().toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(command + " took more than " + timeoutSeconds + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            return new Result(127, "", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
