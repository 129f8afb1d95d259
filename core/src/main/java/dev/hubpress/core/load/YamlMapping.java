package dev.hubpress.core.load;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A YAML mapping read without constructing any Java objects from tags (no arbitrary types), with
 * the source line of every key and value, so schema errors can name their line.
 */
public final class YamlMapping {

    private final Map<String, Node> nodes;
    private final int firstLine;
    private final int line;

    private YamlMapping(Map<String, Node> nodes, int firstLine, int line) {
        this.nodes = nodes;
        this.firstLine = firstLine;
        this.line = line;
    }

    /** A problem in a YAML document, at a file line. */
    public static final class Problem extends Exception {
        private final int line;

        Problem(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        /** The file line the problem is on. */
        public int line() {
            return line;
        }
    }

    /** Tags plain scalars as {@code new Yaml()} does; never changed after it is made, so shared between threads. */
    private static final Resolver RESOLVER = new Resolver();

    /**
     * @param firstLine file line of the YAML text's first line
     */
    public static YamlMapping parse(String yaml, int firstLine) throws Problem {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setCodePointLimit(1024 * 1024);
        Node root;
        try {
            // Composed as Yaml.compose composes, without a Yaml: its constructor, representer and
            // dumper, built and dropped for every page's front matter, were a fifth of the parse.
            root = new Composer(new ParserImpl(new StreamReader(new StringReader(yaml)), options), RESOLVER, options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int at = mark == null ? firstLine : firstLine + mark.getLine();
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new Problem(at, "invalid YAML: " + problem.replace('\n', ' ').trim());
        } catch (YAMLException e) {
            throw new Problem(firstLine, "invalid YAML: " + e.getMessage().replace('\n', ' ').trim());
        }
        if (root == null) {
            return new YamlMapping(Map.of(), firstLine, firstLine);
        }
        return mapping(root, firstLine).orElseThrow(() ->
                new Problem(firstLine + root.getStartMark().getLine(), "expected a mapping of keys to values"));
    }

    private static Optional<YamlMapping> mapping(Node node, int firstLine) throws Problem {
        if (!(node instanceof MappingNode map)) {
            return Optional.empty();
        }
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw new Problem(firstLine + tuple.getKeyNode().getStartMark().getLine(), "keys must be plain names");
            }
            nodes.put(key.getValue(), tuple.getValueNode());
        }
        return Optional.of(new YamlMapping(nodes, firstLine, firstLine + node.getStartMark().getLine()));
    }

    public int line() {
        return line;
    }

    public List<String> keys() {
        return List.copyOf(nodes.keySet());
    }

    public boolean has(String key) {
        return nodes.containsKey(key);
    }

    /** Line of a key's value, or of the mapping when the key is absent. */
    public int lineOf(String key) {
        Node node = nodes.get(key);
        return node == null ? line : firstLine + node.getStartMark().getLine();
    }

    public Optional<String> string(String key) throws Problem {
        Node node = nodes.get(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (!(node instanceof ScalarNode scalar)) {
            throw new Problem(lineOf(key), "'" + key + "' must be text");
        }
        return Optional.of(scalar.getValue());
    }

    public Optional<Long> integer(String key) throws Problem {
        Node node = nodes.get(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            try {
                return Optional.of(Long.parseLong(scalar.getValue().replace("_", "")));
            } catch (NumberFormatException e) {
                throw new Problem(lineOf(key), "'" + key + "' must be a whole number, not '" + scalar.getValue() + "'");
            }
        }
        throw new Problem(lineOf(key), "'" + key + "' must be a whole number");
    }

    public Optional<Boolean> bool(String key) throws Problem {
        Node node = nodes.get(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        if (node instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            return Optional.of(Boolean.parseBoolean(scalar.getValue().toLowerCase()));
        }
        throw new Problem(lineOf(key), "'" + key + "' must be true or false");
    }

    public List<String> strings(String key) throws Problem {
        return stringsAt(key).stream().map(Text::value).toList();
    }

    /** A list of text values, each with the file line it is on (for an error about one item). */
    public List<Text> stringsAt(String key) throws Problem {
        Node node = nodes.get(key);
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw new Problem(lineOf(key), "'" + key + "' must be a list, e.g. [a, b]");
        }
        List<Text> values = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode scalar)) {
                throw new Problem(firstLine + item.getStartMark().getLine(), "'" + key + "' items must be text");
            }
            values.add(new Text(firstLine + scalar.getStartMark().getLine(), scalar.getValue()));
        }
        return values;
    }

    public List<YamlMapping> mappings(String key) throws Problem {
        Node node = nodes.get(key);
        if (node == null || isNull(node)) {
            return List.of();
        }
        if (!(node instanceof SequenceNode seq)) {
            throw new Problem(lineOf(key), "'" + key + "' must be a list");
        }
        List<YamlMapping> values = new ArrayList<>();
        for (Node item : seq.getValue()) {
            values.add(mapping(item, firstLine).orElseThrow(() ->
                    new Problem(firstLine + item.getStartMark().getLine(), "'" + key + "' items must be mappings")));
        }
        return values;
    }

    public Optional<YamlMapping> mapping(String key) throws Problem {
        Node node = nodes.get(key);
        if (node == null || isNull(node)) {
            return Optional.empty();
        }
        return Optional.of(mapping(node, firstLine).orElseThrow(() -> new Problem(lineOf(key), "'" + key + "' must be a mapping")));
    }

    /** Scalars of a nested mapping as plain Java values (Long, Boolean or String). */
    public Map<String, Object> scalars() {
        Map<String, Object> values = new LinkedHashMap<>();
        nodes.forEach((k, node) -> {
            if (node instanceof ScalarNode scalar) {
                Object value = scalar.getValue();
                if (Tag.INT.equals(scalar.getTag())) {
                    try {
                        value = Long.parseLong(scalar.getValue().replace("_", ""));
                    } catch (NumberFormatException ignored) {
                        // not a long (e.g. 0x…): keep the text, the channel reports it
                    }
                } else if (Tag.BOOL.equals(scalar.getTag())) {
                    value = Boolean.parseBoolean(scalar.getValue().toLowerCase());
                }
                values.put(k, value);
            }
        });
        return values;
    }

    /** A scalar value, at any depth, as parsed (YAML escapes decoded), with the file line it starts on. */
    public record Text(int line, String value) {
    }

    /**
     * Every scalar value, at any depth (keys are not values), in line order: what a reader of the
     * published hub may see of this file. Each value is listed once, however many aliases name it.
     */
    public List<Text> texts() {
        List<Text> texts = new ArrayList<>();
        java.util.ArrayDeque<Node> pending = new java.util.ArrayDeque<>(nodes.values());
        // Aliases make the nodes a graph, a cycle even (a: &a [*a]): each node is looked at once.
        java.util.Set<Node> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (node instanceof ScalarNode scalar) {
                texts.add(new Text(firstLine + scalar.getStartMark().getLine(), scalar.getValue()));
            } else if (node instanceof MappingNode map) {
                map.getValue().forEach(t -> pending.push(t.getValueNode()));
            } else if (node instanceof SequenceNode seq) {
                pending.addAll(seq.getValue());
            }
        }
        texts.sort(java.util.Comparator.comparingInt(Text::line));
        return texts;
    }

    /**
     * A problem for every scalar value, at any depth, holding a character {@code bad} accepts: a
     * YAML escape can write a character the file's text does not show.
     */
    public List<Problem> valuesWith(java.util.function.IntPredicate bad, String what) {
        List<Problem> problems = new ArrayList<>();
        for (Text text : texts()) {
            text.value().chars().filter(bad).findFirst().ifPresent(c -> problems.add(new Problem(text.line(),
                    String.format(java.util.Locale.ROOT, "%s U+%04X in a value: only tabs and line breaks may appear in text", what, c))));
        }
        return problems;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }
}
