package io.github.numeraipipeline.numerai.sandbox;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The part of GraphQL a Numerai client may send, read the way the spec reads it: operations (query or mutation, one
 * picked by {@code operationName} when there are several) with typed variables and their defaults; fields with
 * arguments (variables or literals), aliases (the answer's key is the alias), nested selections; named fragments
 * ({@code ...Name}) and inline fragments ({@code ... on Type}) spread into the selection they sit in, fields of the
 * same answer key merged; {@code @skip} and {@code @include}. Type conditions are not checked: every sandbox type
 * is concrete, so a fragment always applies where a client puts it.
 */
final class GraphQlDocument {

    /**
     * A selected field, its arguments bound to the request's variables and fragments already spread.
     *
     * @param key the key of its answer: the alias when there is one, else the name
     */
    record Field(String key, String name, Map<String, Object> arguments, List<Field> selections) {
    }

    /** A parse or validation failure, worded like a GraphQL server's. */
    static final class GraphQlSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        GraphQlSyntaxException(String message) {
            super(message);
        }
    }

    private final boolean mutation;
    private final List<Field> fields;

    private GraphQlDocument(boolean mutation, List<Field> fields) {
        this.mutation = mutation;
        this.fields = fields;
    }

    boolean isMutation() {
        return mutation;
    }

    List<Field> fields() {
        return fields;
    }

    static GraphQlDocument parse(String text, Map<String, Object> variables) throws GraphQlSyntaxException {
        return parse(text, variables, null);
    }

    static GraphQlDocument parse(String text, Map<String, Object> variables, String operationName)
            throws GraphQlSyntaxException {
        Parsed parsed = new Parser(text).document();
        Operation operation = parsed.pick(operationName);
        Map<String, Object> bound = operation.bind(variables == null ? Map.of() : variables);
        List<Field> fields = new Expander(parsed.fragments, bound, operation.declared.keySet())
                .expand(operation.selections, new HashSet<>());
        return new GraphQlDocument(operation.mutation, fields);
    }

    /** A variable used as an argument value, bound when the operation is expanded. */
    private record VariableRef(String name) {
    }

    private sealed interface Selection permits RawField, Spread, InlineFragment {
    }

    private record Directives(List<Map.Entry<String, Map<String, Object>>> list) {
    }

    private record RawField(String alias, String name, Map<String, Object> arguments, Directives directives,
                            List<Selection> selections) implements Selection {
    }

    private record Spread(String fragment, Directives directives) implements Selection {
    }

    private record InlineFragment(Directives directives, List<Selection> selections) implements Selection {
    }

    private record Operation(String name, boolean mutation, Map<String, String> declared,
                             Map<String, Object> defaults, List<Selection> selections) {

        /** The request's variables, defaults filled in, required ones checked. */
        Map<String, Object> bind(Map<String, Object> given) throws GraphQlSyntaxException {
            Map<String, Object> bound = new LinkedHashMap<>();
            for (Map.Entry<String, String> variable : declared.entrySet()) {
                String name = variable.getKey();
                Object value = given.containsKey(name) ? given.get(name) : defaults.get(name);
                if (variable.getValue().endsWith("!") && value == null) {
                    throw new GraphQlSyntaxException("Variable \"$" + name + "\" of required type \""
                            + variable.getValue() + "\" was not provided.");
                }
                bound.put(name, value);
            }
            return bound;
        }
    }

    private record Parsed(List<Operation> operations, Map<String, List<Selection>> fragments) {
        Operation pick(String operationName) throws GraphQlSyntaxException {
            if (operationName != null) {
                for (Operation operation : operations) {
                    if (operationName.equals(operation.name())) {
                        return operation;
                    }
                }
                throw new GraphQlSyntaxException("Unknown operation named \"" + operationName + "\".");
            }
            if (operations.size() != 1) {
                throw new GraphQlSyntaxException(operations.isEmpty() ? "Must provide an operation."
                        : "Must provide operation name if query contains multiple operations.");
            }
            return operations.get(0);
        }
    }

    /** Binds variables, applies directives and spreads fragments: what the answer is built from. */
    private static final class Expander {
        private final Map<String, List<Selection>> fragments;
        private final Map<String, Object> variables;
        private final Set<String> declared;

        Expander(Map<String, List<Selection>> fragments, Map<String, Object> variables, Set<String> declared) {
            this.fragments = fragments;
            this.variables = variables;
            this.declared = declared;
        }

        List<Field> expand(List<Selection> selections, Set<String> spreading) throws GraphQlSyntaxException {
            Map<String, Field> byKey = new LinkedHashMap<>();
            for (Selection selection : selections) {
                if (selection instanceof RawField raw) {
                    if (included(raw.directives())) {
                        merge(byKey, new Field(raw.alias() != null ? raw.alias() : raw.name(), raw.name(),
                                bindAll(raw.arguments()), expand(raw.selections(), spreading)));
                    }
                } else if (selection instanceof InlineFragment inline) {
                    if (included(inline.directives())) {
                        for (Field field : expand(inline.selections(), spreading)) {
                            merge(byKey, field);
                        }
                    }
                } else if (selection instanceof Spread spread && included(spread.directives())) {
                    List<Selection> fragment = fragments.get(spread.fragment());
                    if (fragment == null) {
                        throw new GraphQlSyntaxException("Unknown fragment \"" + spread.fragment() + "\".");
                    }
                    if (!spreading.add(spread.fragment())) {
                        throw new GraphQlSyntaxException("Cannot spread fragment \"" + spread.fragment()
                                + "\" within itself.");
                    }
                    for (Field field : expand(fragment, spreading)) {
                        merge(byKey, field);
                    }
                    spreading.remove(spread.fragment());
                }
            }
            return List.copyOf(byKey.values());
        }

        /** Fields of one answer key are one field; their selections add up (the spec's field merging). */
        private static void merge(Map<String, Field> byKey, Field field) throws GraphQlSyntaxException {
            Field earlier = byKey.get(field.key());
            if (earlier == null) {
                byKey.put(field.key(), field);
                return;
            }
            if (!earlier.name().equals(field.name()) || !earlier.arguments().equals(field.arguments())) {
                throw new GraphQlSyntaxException("Fields \"" + field.key() + "\" conflict because they are different"
                        + " fields or have different arguments. Use different aliases on the fields to fetch both"
                        + " if this was intentional.");
            }
            Map<String, Field> nested = new LinkedHashMap<>();
            for (Field f : earlier.selections()) {
                merge(nested, f);
            }
            for (Field f : field.selections()) {
                merge(nested, f);
            }
            byKey.put(field.key(), new Field(field.key(), field.name(), field.arguments(),
                    List.copyOf(nested.values())));
        }

        private boolean included(Directives directives) throws GraphQlSyntaxException {
            for (Map.Entry<String, Map<String, Object>> directive : directives.list()) {
                Object condition = bind(directive.getValue().get("if"));
                if (directive.getKey().equals("skip") && Boolean.TRUE.equals(condition)
                        || directive.getKey().equals("include") && !Boolean.TRUE.equals(condition)) {
                    return false;
                }
            }
            return true;
        }

        private Map<String, Object> bindAll(Map<String, Object> arguments) throws GraphQlSyntaxException {
            Map<String, Object> bound = new LinkedHashMap<>();
            for (Map.Entry<String, Object> argument : arguments.entrySet()) {
                bound.put(argument.getKey(), bind(argument.getValue()));
            }
            return bound;
        }

        private Object bind(Object value) throws GraphQlSyntaxException {
            if (value instanceof VariableRef ref) {
                if (!declared.contains(ref.name())) {
                    throw new GraphQlSyntaxException("Variable \"$" + ref.name() + "\" is not defined.");
                }
                return variables.get(ref.name());
            }
            if (value instanceof List<?> list) {
                List<Object> out = new ArrayList<>();
                for (Object element : list) {
                    out.add(bind(element));
                }
                return out;
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.put((String) entry.getKey(), bind(entry.getValue()));
                }
                return out;
            }
            return value;
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Parsed document() throws GraphQlSyntaxException {
            skipIgnored();
            List<Operation> operations = new ArrayList<>();
            Map<String, List<Selection>> fragments = new LinkedHashMap<>();
            while (pos < text.length()) {
                if (peek() == '{') {
                    operations.add(new Operation(null, false, Map.of(), Map.of(), selectionSet()));
                    continue;
                }
                String kind = name();
                switch (kind) {
                    case "query", "mutation" -> operations.add(operation(kind.equals("mutation")));
                    case "fragment" -> {
                        String fragment = name();
                        if (!name().equals("on")) {
                            throw error("Syntax Error: Expected \"on\" after fragment \"" + fragment + "\"");
                        }
                        name();
                        directives();
                        if (fragments.put(fragment, selectionSet()) != null) {
                            throw error("There can be only one fragment named \"" + fragment + "\".");
                        }
                    }
                    default -> throw error("Syntax Error: Unexpected Name \"" + kind + "\"");
                }
            }
            return new Parsed(operations, fragments);
        }

        private Operation operation(boolean mutation) throws GraphQlSyntaxException {
            String name = Character.isLetter(peek()) || peek() == '_' ? name() : null;
            Map<String, String> declared = new LinkedHashMap<>();
            Map<String, Object> defaults = new LinkedHashMap<>();
            if (peek() == '(') {
                expect('(');
                while (peek() != ')') {
                    expect('$');
                    String variable = name();
                    expect(':');
                    declared.put(variable, type());
                    if (peek() == '=') {
                        expect('=');
                        defaults.put(variable, value());
                    }
                }
                expect(')');
            }
            directives();
            return new Operation(name, mutation, declared, defaults, selectionSet());
        }

        private String type() throws GraphQlSyntaxException {
            String type;
            if (peek() == '[') {
                expect('[');
                type = "[" + type() + "]";
                expect(']');
            } else {
                type = name();
            }
            if (peek() == '!') {
                expect('!');
                type += "!";
            }
            return type;
        }

        private List<Selection> selectionSet() throws GraphQlSyntaxException {
            expect('{');
            List<Selection> selections = new ArrayList<>();
            while (peek() != '}') {
                if (pos >= text.length()) {
                    throw error("Syntax Error: Expected Name, found <EOF>");
                }
                selections.add(selection());
            }
            expect('}');
            return selections;
        }

        private Selection selection() throws GraphQlSyntaxException {
            if (text.startsWith("...", pos)) {
                pos += 3;
                skipIgnored();
                if (peek() == '{' || peek() == '@') {
                    Directives directives = directives();
                    return new InlineFragment(directives, selectionSet());
                }
                String name = name();
                if (name.equals("on")) {
                    name(); // the type condition: every sandbox type is concrete, see the class comment
                    Directives directives = directives();
                    return new InlineFragment(directives, selectionSet());
                }
                return new Spread(name, directives());
            }
            String alias = null;
            String name = name();
            if (peek() == ':') {
                expect(':');
                alias = name;
                name = name();
            }
            Map<String, Object> arguments = peek() == '(' ? arguments() : Map.of();
            Directives directives = directives();
            List<Selection> selections = peek() == '{' ? selectionSet() : List.of();
            return new RawField(alias, name, arguments, directives, selections);
        }

        private Map<String, Object> arguments() throws GraphQlSyntaxException {
            Map<String, Object> arguments = new LinkedHashMap<>();
            expect('(');
            while (peek() != ')') {
                String argument = name();
                expect(':');
                arguments.put(argument, value());
            }
            expect(')');
            return arguments;
        }

        private Directives directives() throws GraphQlSyntaxException {
            List<Map.Entry<String, Map<String, Object>>> list = new ArrayList<>();
            while (peek() == '@') {
                expect('@');
                String name = name();
                list.add(Map.entry(name, peek() == '(' ? arguments() : Map.of()));
            }
            return new Directives(list);
        }

        private Object value() throws GraphQlSyntaxException {
            char c = peek();
            if (c == '$') {
                expect('$');
                return new VariableRef(name());
            }
            if (c == '"') {
                return string();
            }
            if (c == '-' || Character.isDigit(c)) {
                return number();
            }
            if (c == '[') {
                expect('[');
                List<Object> list = new ArrayList<>();
                while (peek() != ']') {
                    list.add(value());
                }
                expect(']');
                return list;
            }
            if (c == '{') {
                expect('{');
                Map<String, Object> object = new LinkedHashMap<>();
                while (peek() != '}') {
                    String key = name();
                    expect(':');
                    object.put(key, value());
                }
                expect('}');
                return object;
            }
            String word = name();
            return switch (word) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                case "null" -> null;
                default -> word; // an enum value, such as OPEN
            };
        }

        private String string() throws GraphQlSyntaxException {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != '"') {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    out.append(switch (escaped) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> escaped;
                    });
                } else {
                    out.append(c);
                }
            }
            if (pos >= text.length()) {
                throw error("Syntax Error: Unterminated string.");
            }
            pos++;
            skipIgnored();
            return out.toString();
        }

        private Object number() {
            int start = pos;
            while (pos < text.length() && "-+.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String literal = text.substring(start, pos);
            skipIgnored();
            return literal.matches("-?\\d+") ? (Object) Long.parseLong(literal) : (Object) Double.parseDouble(literal);
        }

        private String name() throws GraphQlSyntaxException {
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("Syntax Error: Expected Name, found " + (pos < text.length() ? "\"" + text.charAt(pos) + "\"" : "<EOF>"));
            }
            String name = text.substring(start, pos);
            skipIgnored();
            return name;
        }

        private void expect(char c) throws GraphQlSyntaxException {
            if (peek() != c) {
                throw error("Syntax Error: Expected \"" + c + "\", found "
                        + (pos < text.length() ? "\"" + text.charAt(pos) + "\"" : "<EOF>"));
            }
            pos++;
            skipIgnored();
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        /** Whitespace, commas and comments are insignificant in GraphQL. */
        private void skipIgnored() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '#') {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (Character.isWhitespace(c) || c == ',' || c == '\uFEFF') {
                    pos++;
                } else {
                    return;
                }
            }
        }

        private GraphQlSyntaxException error(String message) {
            return new GraphQlSyntaxException(message);
        }
    }
}
