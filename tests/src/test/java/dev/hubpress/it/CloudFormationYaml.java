package dev.hubpress.it;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Reads a CloudFormation / SAM template with its short-form intrinsic functions ({@code !Ref X},
 * {@code !GetAtt X.Arn}, {@code !Sub …}, {@code !If […]}, …) as the long form CloudFormation
 * itself uses: {@code {Ref: X}}, {@code {Fn::GetAtt: [X, Arn]}}, {@code {Fn::Sub: …}}.
 */
final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join",
            "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString");

    private CloudFormationYaml() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> read(Path file) {
        try {
            return (Map<String, Object>) new Yaml(new Constructor()).load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Constructor extends SafeConstructor {
        Constructor() {
            super(new LoaderOptions());
            yamlConstructors.put(new Tag("!Ref"), new Intrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Intrinsic("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new GetAtt());
            for (String function : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + function), new Intrinsic("Fn::" + function));
            }
        }

        private final class Intrinsic extends AbstractConstruct {
            private final String name;

            Intrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                return Map.of(name, value(node));
            }
        }

        private final class GetAtt extends AbstractConstruct {
            @Override
            public Object construct(Node node) {
                Object value = value(node);
                if (value instanceof String text) {
                    int dot = text.indexOf('.');
                    return Map.of("Fn::GetAtt", List.of(text.substring(0, dot), text.substring(dot + 1)));
                }
                return Map.of("Fn::GetAtt", value);
            }
        }

        private Object value(Node node) {
            if (node instanceof ScalarNode scalar) {
                return constructScalar(scalar);
            }
            if (node instanceof SequenceNode sequence) {
                return constructSequence(sequence);
            }
            return constructMapping((MappingNode) node);
        }
    }
}
