package dev.hubpress.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hubpress.it.TemplateTest.list;
import static dev.hubpress.it.TemplateTest.map;

/**
 * A template's values as one stack would have them, with CloudFormation's intrinsic functions
 * evaluated the simple way: parameters and pseudo parameters by value, a resource's {@code Ref}
 * or attribute as a name only that stack's resource has ({@code <stack>/<logical id>[.attribute]}),
 * conditions decided. Enough to compare what two stacks name their resources; anything it does not
 * know is an error, never a guess.
 */
final class StackValues {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final String stack;
    private final Map<String, String> values;
    private final Map<String, Object> conditions;
    private final Map<String, Object> resources;

    StackValues(String stack, Map<String, String> values, Map<String, Object> conditions, Map<String, Object> resources) {
        this.stack = stack;
        this.values = values;
        this.conditions = conditions;
        this.resources = resources;
    }

    /**
     * template.yaml (untranslated) as the stack {@code stack} of account 123456789012 in us-east-1 has it:
     * the parameters' defaults, overridden by {@code parameters}.
     */
    static StackValues ofTemplate(String stack, Map<String, String> parameters) {
        Map<String, Object> template = TemplateTest.TEMPLATE;
        Map<String, String> values = new java.util.LinkedHashMap<>();
        map(template.get("Parameters")).forEach((name, p) -> {
            Object value = map(p).get("Default");
            if (value != null) {
                values.put(name, String.valueOf(value));
            }
        });
        values.putAll(parameters);
        values.put("AWS::StackName", stack);
        values.put("AWS::Region", "us-east-1");
        values.put("AWS::AccountId", SamTranslation.ACCOUNT_ID);
        values.put("AWS::Partition", "aws");
        values.put("AWS::URLSuffix", "amazonaws.com");
        return new StackValues(stack, values, map(template.get("Conditions")), map(template.get("Resources")));
    }

    /** Whether the resource is created in this stack: it has no Condition, or its condition holds. */
    boolean creates(Map<String, Object> resource) {
        Object condition = resource.get("Condition");
        return condition == null || holds((String) condition);
    }

    /** Whether the named condition of the template holds. */
    boolean holds(String condition) {
        Object definition = conditions.get(condition);
        if (definition == null) {
            throw new IllegalArgumentException("no condition " + condition);
        }
        return test(definition);
    }

    private boolean test(Object node) {
        Map<String, Object> function = map(node);
        if (function.containsKey("Condition")) {
            return holds((String) function.get("Condition"));
        }
        if (function.containsKey("Fn::Equals")) {
            List<Object> operands = list(function.get("Fn::Equals"));
            return String.valueOf(evaluate(operands.get(0))).equals(String.valueOf(evaluate(operands.get(1))));
        }
        if (function.containsKey("Fn::Not")) {
            return !test(list(function.get("Fn::Not")).get(0));
        }
        if (function.containsKey("Fn::And")) {
            return list(function.get("Fn::And")).stream().allMatch(this::test);
        }
        if (function.containsKey("Fn::Or")) {
            return list(function.get("Fn::Or")).stream().anyMatch(this::test);
        }
        throw new IllegalArgumentException("not a condition: " + node);
    }

    /** The value as a string; null for {@code AWS::NoValue}. */
    String evaluate(Object node) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean) {
            return node == null ? null : String.valueOf(node);
        }
        Map<String, Object> function = map(node);
        if (function.size() != 1) {
            throw new IllegalArgumentException("not a value: " + node);
        }
        String name = function.keySet().iterator().next();
        Object argument = function.get(name);
        return switch (name) {
            case "Ref" -> ref((String) argument);
            case "Fn::GetAtt" -> {
                List<Object> parts = argument instanceof String s ? List.of(s.substring(0, s.indexOf('.')), s.substring(s.indexOf('.') + 1))
                        : list(argument);
                yield attribute((String) parts.get(0), (String) parts.get(1));
            }
            case "Fn::Sub" -> sub(argument);
            case "Fn::Join" -> {
                List<Object> arguments = list(argument);
                List<String> parts = new ArrayList<>();
                for (Object part : list(arguments.get(1))) {
                    parts.add(evaluate(part));
                }
                yield String.join((String) arguments.get(0), parts);
            }
            case "Fn::If" -> {
                List<Object> arguments = list(argument);
                yield evaluate(holds((String) arguments.get(0)) ? arguments.get(1) : arguments.get(2));
            }
            case "Fn::Select" -> {
                List<Object> arguments = list(argument);
                yield evaluate(list(arguments.get(1)).get(Integer.parseInt(evaluate(arguments.get(0)))));
            }
            default -> throw new IllegalArgumentException("cannot evaluate " + name + ": " + node);
        };
    }

    private String ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (resources.containsKey(name)) {
            return stack + "/" + name;
        }
        throw new IllegalArgumentException("Ref to nothing: " + name);
    }

    private String attribute(String resource, String attribute) {
        if (!resources.containsKey(resource)) {
            throw new IllegalArgumentException("GetAtt of nothing: " + resource + "." + attribute);
        }
        return stack + "/" + resource + "." + attribute;
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables;
        if (argument instanceof String s) {
            text = s;
            variables = Map.of();
        } else {
            text = (String) list(argument).get(0);
            variables = map(list(argument).get(1));
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String variable = m.group(1);
            String value;
            if (variables.containsKey(variable)) {
                value = evaluate(variables.get(variable));
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                value = attribute(variable.substring(0, variable.indexOf('.')), variable.substring(variable.indexOf('.') + 1));
            } else {
                value = ref(variable);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().replace("${!", "${");
    }
}
