package io.github.numeraipipeline.numerai.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of GraphQL that Numerai's clients use: one operation (query or mutation) with typed variables, fields
 * with arguments (variables or literals) and nested selections. Enough for the sandbox to answer a request the way
 * Numerai does, selecting only the fields asked for; fragments and directives are not needed by any client we mimic.
 */
final class GraphQlDocument {

    /** A selected field, its arguments already bound to the request's variables. */
    record Field(String name, Map<String, Object> arguments, List<Field> selections) {
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
        return new Parser(text, variables == null ? Map.of() : variables).document();
    }

    private static final class Parser {
        private final String text;
        private final Map<String, Object> variables;
        private final Map<String, String> declared = new LinkedHashMap<>();
        private int pos;

        Parser(String text, Map<String, Object> variables) {
            this.text = text;
            this.variables = variables;
        }

        GraphQlDocument document() throws GraphQlSyntaxException {
            skipIgnored();
            boolean mutation = false;
            if (peek() != '{') {
                String kind = name();
                if (!kind.equals("query") && !kind.equals("mutation")) {
                    throw error("Syntax Error: Unexpected Name \"" + kind + "\"");
                }
                mutation = kind.equals("mutation");
                if (Character.isLetter(peek()) || peek() == '_') {
                    name();
                }
                if (peek() == '(') {
                    variableDefinitions();
                }
            }
            List<Field> fields = selectionSet();
            if (pos < text.length()) {
                throw error("Syntax Error: Unexpected " + text.charAt(pos));
            }
            return new GraphQlDocument(mutation, fields);
        }

        private void variableDefinitions() throws GraphQlSyntaxException {
            expect('(');
            while (peek() != ')') {
                expect('$');
                String name = name();
                expect(':');
                String type = type();
                declared.put(name, type);
                if (peek() == '=') {
                    expect('=');
                    value();
                }
                if (type.endsWith("!") && variables.get(name) == null) {
                    throw error("Variable \"$" + name + "\" of required type \"" + type + "\" was not provided.");
                }
            }
            expect(')');
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

        private List<Field> selectionSet() throws GraphQlSyntaxException {
            expect('{');
            List<Field> fields = new ArrayList<>();
            while (peek() != '}') {
                if (pos >= text.length()) {
                    throw error("Syntax Error: Expected Name, found <EOF>");
                }
                fields.add(field());
            }
            expect('}');
            return fields;
        }

        private Field field() throws GraphQlSyntaxException {
            String name = name();
            if (peek() == ':') {
                // An alias: answer under the field's own name, which is all the sandbox's clients rely on.
                expect(':');
                name = name();
            }
            Map<String, Object> arguments = new LinkedHashMap<>();
            if (peek() == '(') {
                expect('(');
                while (peek() != ')') {
                    String argument = name();
                    expect(':');
                    arguments.put(argument, value());
                }
                expect(')');
            }
            List<Field> selections = peek() == '{' ? selectionSet() : List.of();
            return new Field(name, arguments, selections);
        }

        private Object value() throws GraphQlSyntaxException {
            char c = peek();
            if (c == '$') {
                expect('$');
                String name = name();
                if (!declared.containsKey(name)) {
                    throw error("Variable \"$" + name + "\" is not defined.");
                }
                return variables.get(name);
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
