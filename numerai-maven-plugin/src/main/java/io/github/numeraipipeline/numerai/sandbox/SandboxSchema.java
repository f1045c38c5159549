package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.GraphQlDocument.Field;
import io.github.numeraipipeline.numerai.sandbox.SandboxTournament.GraphQlFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The types the sandbox serves, read from {@code schema.graphql} next to this class (the one place they are
 * written down). It checks a request before anything runs, as a GraphQL server validates before it executes, with
 * a GraphQL server's wording, and shapes an answer: only the fields asked for, under their answer keys, null where
 * the sandbox has no value.
 */
final class SandboxSchema {
    /** The type of the root fields the sandbox refuses ({@link NotInSandbox}). */
    static final String NOT_IN_SANDBOX = "NotInSandbox";
    private static final Pattern TYPE = Pattern.compile("^type (\\w+) \\{$");
    private static final Pattern FIELD = Pattern.compile("^(\\w+)(\\(.*\\))?: \\[?(\\w+)!?]?!?$");

    /** Type name to its fields, each field to the name of its (element) type. */
    private final Map<String, Map<String, String>> types;

    private SandboxSchema(Map<String, Map<String, String>> types) {
        this.types = types;
    }

    static SandboxSchema load() {
        try (InputStream in = SandboxSchema.class.getResourceAsStream("schema.graphql")) {
            if (in == null) {
                throw new IllegalStateException("schema.graphql is missing next to " + SandboxSchema.class.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SandboxSchema parse(String sdl) {
        Map<String, Map<String, String>> types = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String raw : sdl.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher type = TYPE.matcher(line);
            Matcher field = FIELD.matcher(line);
            if (type.matches()) {
                current = new LinkedHashMap<>();
                types.put(type.group(1), current);
            } else if (line.equals("}")) {
                current = null;
            } else if (current != null && field.matches()) {
                current.put(field.group(1), field.group(3));
            } else {
                throw new IllegalStateException("schema.graphql: cannot read line \"" + line + "\"");
            }
        }
        Map<String, Map<String, String>> frozen = new LinkedHashMap<>();
        types.forEach((name, fields) -> frozen.put(name, Collections.unmodifiableMap(fields)));
        return new SandboxSchema(Collections.unmodifiableMap(frozen));
    }

    /** The root fields of {@code Query} or {@code Mutation}, in schema order. */
    List<String> rootFields(boolean mutation) {
        return new ArrayList<>(types.get(mutation ? "Mutation" : "Query").keySet());
    }

    Map<String, String> fieldsOf(String type) {
        return types.getOrDefault(type, Map.of());
    }

    /** The type a root field answers with. */
    String rootType(boolean mutation, String field) {
        return types.get(mutation ? "Mutation" : "Query").get(field);
    }

    /** Every selected field exists on its type; objects have a selection, scalars none. */
    void validate(GraphQlDocument document) throws GraphQlFailure {
        validate(document.fields(), document.isMutation() ? "Mutation" : "Query");
    }

    private void validate(List<Field> fields, String typeName) throws GraphQlFailure {
        Map<String, String> type = types.get(typeName);
        for (Field field : fields) {
            if (field.name().equals("__typename")) {
                continue;
            }
            String fieldType = type.get(field.name());
            if (fieldType == null) {
                throw new GraphQlFailure("Cannot query field \"" + field.name() + "\" on type \"" + typeName + "\".");
            }
            if (fieldType.equals(NOT_IN_SANDBOX)) {
                continue; // its handler refuses it, whatever it selects: a clearer answer than a selection error
            }
            boolean object = types.containsKey(fieldType);
            if (object && field.selections().isEmpty()) {
                throw new GraphQlFailure("Field \"" + field.name() + "\" of type \"" + fieldType
                        + "\" must have a selection of subfields. Did you mean \"" + field.name() + " { ... }\"?");
            }
            if (!object && !field.selections().isEmpty()) {
                throw new GraphQlFailure("Field \"" + field.name() + "\" must not have a selection since type \""
                        + fieldType + "\" has no subfields.");
            }
            if (object) {
                validate(field.selections(), fieldType);
            }
        }
    }

    /** {@code value} (maps, lists, scalars) cut down to what {@code field} selects, as type {@code typeName}. */
    @SuppressWarnings("unchecked")
    Object select(Object value, Field field, String typeName) {
        if (value == null || !types.containsKey(typeName)) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object element : list) {
                out.add(select(element, field, typeName));
            }
            return out;
        }
        Map<String, Object> object = (Map<String, Object>) value;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field selection : field.selections()) {
            if (selection.name().equals("__typename")) {
                out.put(selection.key(), typeName);
                continue;
            }
            out.put(selection.key(), select(object.get(selection.name()), selection,
                    types.get(typeName).get(selection.name())));
        }
        return out;
    }
}
