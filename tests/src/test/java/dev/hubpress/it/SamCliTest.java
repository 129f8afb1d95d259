package dev.hubpress.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hubpress.it.TemplateTest.ROOT;
import static dev.hubpress.it.TemplateTest.TEMPLATE;
import static dev.hubpress.it.TemplateTest.functions;
import static dev.hubpress.it.TemplateTest.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the SAM CLI does with the template, as far as it can be read without it: `sam build`
 * builds nothing the Maven reactor built, `sam local invoke --env-vars` files override only
 * variables the functions declare (the CLI ignores the others without a word), and the README's
 * invoke lines name functions, events and files that exist.
 */
class SamCliTest {

    static final List<String> ENV_FILES = List.of("events/local-env.json", "events/localstack-env.json");

    @Test
    void samBuildSkipsEveryPrebuiltJar() {
        // GIVEN every function whose code is a jar the Maven reactor builds
        Map<String, Object> resources = map(TEMPLATE.get("Resources"));
        List<String> jars = new ArrayList<>();
        functions().forEach((name, function) -> {
            if (String.valueOf(function.get("CodeUri")).endsWith(".jar")) {
                jars.add(name);
            }
        });
        assertThat(jars).isNotEmpty();

        // WHEN its resource metadata is read
        // THEN it says SkipBuild (the key SAM CLI reads): sam build would hand a .jar to its Maven builder, which fails
        for (String name : jars) {
            assertThat(map(map(resources.get(name)).get("Metadata")).get("SkipBuild")).as(name + " Metadata.SkipBuild").isEqualTo(true);
        }
    }

    /** The variables each function declares (Globals' and its own), keys only: values may be intrinsics. */
    static Map<String, Set<String>> declared() {
        Set<String> globals = map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables")).keySet();
        Map<String, Set<String>> declared = new TreeMap<>();
        functions().forEach((name, function) -> {
            Set<String> variables = new TreeSet<>(globals);
            variables.addAll(map(map(function.get("Environment")).get("Variables")).keySet());
            declared.put(name, variables);
        });
        return declared;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) throws IOException {
        return new ObjectMapper().readValue(text, Map.class);
    }

    @Test
    void everyVariableOfTheEnvVarsFilesIsDeclaredByTheFunctionsItTargets() throws IOException {
        Map<String, Set<String>> declared = declared();
        for (String file : ENV_FILES) {
            // GIVEN an --env-vars file: a function's logical id, or Parameters (every function), to variables
            Map<String, Object> env = json(Files.readString(ROOT.resolve(file)));
            assertThat(env).as(file).isNotEmpty();

            env.forEach((target, variables) -> {
                // WHEN each variable is looked up on the functions its key targets
                Set<String> names = map(variables).keySet();
                assertThat(names).as(file + " " + target).isNotEmpty();
                if (target.equals("Parameters")) {
                    // THEN some function declares it (SAM applies Parameters to the functions that declare each one)
                    for (String name : names) {
                        assertThat(declared.values()).as(file + ": no function declares " + name + ", so SAM ignores it")
                                .anyMatch(vars -> vars.contains(name));
                    }
                } else {
                    // THEN that function exists and declares it (SAM overrides declared variables only)
                    assertThat(declared).as(file + ": " + target + " is not a function of the template").containsKey(target);
                    assertThat(declared.get(target)).as(file + " " + target).containsAll(names);
                }
            });
        }
    }

    @Test
    void theEnvVarsFilesHaveTheShapeOfTheStackOutputThatWritesThem() throws IOException {
        // GIVEN the output LocalInvokeEnvVars, the --env-vars file of a deployed stack (README, Deploy)
        String value = (String) map(map(map(TEMPLATE.get("Outputs")).get("LocalInvokeEnvVars")).get("Value")).get("Fn::Sub");
        Map<String, String> resourceOf = new LinkedHashMap<>();
        Matcher placeholder = Pattern.compile("\"([A-Z_]+)\":\"\\$\\{([A-Za-z0-9]+)}\"").matcher(value);
        while (placeholder.find()) {
            resourceOf.put(placeholder.group(1), placeholder.group(2));
        }
        Map<String, Object> output = json(value.replaceAll("\\$\\{([A-Za-z0-9]+)}", "$1"));

        // WHEN it is compared with the committed files and with what the functions declare
        // THEN the files have the output's keys, and every variable the output sets is a !Ref of that same resource
        // wherever a function declares it (so the name the stack reports is the one the function reads)
        for (String file : ENV_FILES) {
            Map<String, Object> committed = json(Files.readString(ROOT.resolve(file)));
            assertThat(committed.keySet()).as(file).isEqualTo(output.keySet());
            committed.forEach((target, variables) -> assertThat(map(variables).keySet()).as(file + " " + target)
                    .isEqualTo(map(output.get(target)).keySet()));
        }
        Map<String, Object> globals = map(map(map(map(TEMPLATE.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        assertThat(resourceOf).isNotEmpty();
        resourceOf.forEach((variable, resource) -> {
            assertThat(map(TEMPLATE.get("Resources"))).as(variable).containsKey(resource);
            int declaring = 0;
            for (Map<String, Object> function : functions().values()) {
                Map<String, Object> variables = new LinkedHashMap<>(globals);
                variables.putAll(map(map(function.get("Environment")).get("Variables")));
                if (variables.containsKey(variable)) {
                    declaring++;
                    assertThat(variables.get(variable)).as(variable).isEqualTo(Map.of("Ref", resource));
                }
            }
            assertThat(declaring).as("functions declaring " + variable).isPositive();
        });
    }

    /** The README's `sam local invoke` commands, continuation lines joined. */
    static List<String> readmeInvokeLines() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md")).replace("\\\n", " ");
        List<String> lines = new ArrayList<>();
        for (String line : readme.lines().toList()) {
            if (line.strip().startsWith("sam local invoke")) {
                lines.add(line.strip().replaceAll("\\s+", " "));
            }
        }
        return lines;
    }

    @Test
    void theReadmesInvokeLinesNameWhatExists() throws IOException {
        // GIVEN the README's sam local invoke lines
        List<String> lines = readmeInvokeLines();
        assertThat(lines).isNotEmpty();
        for (String line : lines) {
            List<String> words = List.of(line.split(" "));
            // WHEN their function, event and env-vars file are looked up
            String function = null;
            for (int i = 3; i < words.size(); i++) {
                if (words.get(i).startsWith("-")) {
                    i++;
                } else {
                    function = words.get(i);
                    break;
                }
            }
            // THEN the function is in the template, the files exist, and a line for LocalStack maps host.docker.internal
            // (Linux has no such host unless it is added)
            assertThat(functions()).as(line).containsKey(function);
            for (String option : List.of("-e", "--event", "--env-vars")) {
                int at = words.indexOf(option);
                if (at >= 0) {
                    Path file = ROOT.resolve(words.get(at + 1));
                    assertThat(file).as(line).isRegularFile();
                }
            }
            if (line.contains("localstack")) {
                assertThat(line).contains("--add-host host.docker.internal:host-gateway");
            }
        }
    }

    @Test
    void localInvokeRunsTheFunctionsOnTheHostsArchitecture() throws IOException {
        // GIVEN the template's architecture and samconfig's local_invoke sections
        String samconfig = Files.readString(ROOT.resolve("samconfig.toml"));
        Map<String, Object> architecture = map(map(TEMPLATE.get("Parameters")).get("Architecture"));
        Matcher section = Pattern.compile("\\[([a-z]+)\\.local_invoke\\.parameters]([^\\[]*)").matcher(samconfig);

        // WHEN they are read
        // THEN the functions' architecture is a parameter (arm64 on AWS) and each local_invoke section runs x86_64
        // containers, which an x86 host runs without QEMU; its env-vars file exists
        assertThat(map(map(TEMPLATE.get("Globals")).get("Function")).get("Architectures")).isEqualTo(List.of(Map.of("Ref", "Architecture")));
        assertThat(architecture.get("Default")).isEqualTo("arm64");
        int sections = 0;
        while (section.find()) {
            sections++;
            assertThat(section.group(2)).as(section.group(1)).contains("Architecture=\\\"x86_64\\\"");
            Matcher envVars = Pattern.compile("env_vars = \"([^\"]+)\"").matcher(section.group(2));
            assertThat(envVars.find()).as(section.group(1) + " env_vars").isTrue();
            assertThat(ENV_FILES).contains(envVars.group(1));
        }
        assertThat(sections).isEqualTo(2);
    }
}
