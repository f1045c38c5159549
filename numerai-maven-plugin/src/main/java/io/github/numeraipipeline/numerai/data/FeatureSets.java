package io.github.numeraipipeline.numerai.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The content of a dataset version's {@code features.json}: named feature sets ({@code small}, {@code medium},
 * {@code all}, groups...) and the list of targets. Shape: {@code {"feature_sets": {name: [feature, ...]},
 * "targets": [name, ...]}}; other keys (v4's {@code feature_stats}) are ignored.
 */
public final class FeatureSets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FEATURE_SETS = "feature_sets";
    private static final String TARGETS = "targets";

    private final Path source;
    private final Map<String, List<String>> sets;
    private final List<String> targets;

    /** Sets built in memory ({@code source} null), as the sandbox's generator does; files go through load. */
    public FeatureSets(Path source, Map<String, List<String>> sets, List<String> targets) {
        this.source = source;
        this.sets = new LinkedHashMap<>();
        sets.forEach((name, features) -> this.sets.put(name, List.copyOf(features)));
        this.targets = List.copyOf(targets);
    }

    /** Reads a {@code features.json}; errors name the file. */
    public static FeatureSets load(Path file) throws DataException {
        JsonNode root;
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length == 0) {
                throw new DataException(file + " is empty; delete it and download features.json again.");
            }
            root = JSON.readTree(content);
        } catch (NoSuchFileException e) {
            throw new DataException(file + " does not exist; download the dataset's features.json first.", e);
        } catch (JsonProcessingException e) {
            throw new DataException(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); delete it and download features.json again.", e);
        } catch (IOException e) {
            throw new DataIoException("Could not read " + file + ": " + e, e);
        }
        JsonNode setsNode = root.get(FEATURE_SETS);
        if (setsNode == null || !setsNode.isObject()) {
            throw new DataException(file + " has no \"" + FEATURE_SETS + "\" object, so it is not a Numerai"
                    + " features.json; delete it and download features.json of the dataset version again.");
        }
        Map<String, List<String>> sets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> set : setsNode.properties()) {
            sets.put(set.getKey(), strings(file, FEATURE_SETS + "." + set.getKey(), set.getValue()));
        }
        JsonNode targetsNode = root.get(TARGETS);
        List<String> targets = targetsNode == null ? List.of() : strings(file, TARGETS, targetsNode);
        return new FeatureSets(file, sets, targets);
    }

    /** Set names in file order. */
    public Set<String> names() {
        return new LinkedHashSet<>(sets.keySet());
    }

    /** The features of a set, in file order; an unknown set is an error listing the ones there are. */
    public List<String> featureSet(String name) throws DataException {
        List<String> features = sets.get(name);
        if (features == null) {
            throw new DataException((source == null ? "features.json" : source.toString())
                    + " has no feature set \"" + name + "\"; it has " + String.join(", ", sets.keySet())
                    + ". Choose one of them as the model's featureSet.");
        }
        return features;
    }

    /** Target names as listed in the file (empty when it lists none). */
    public List<String> targets() {
        return targets;
    }

    /** Writes these sets as a features.json, in Numerai's layout. */
    public void writeTo(Path file) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode setsNode = root.putObject(FEATURE_SETS);
        sets.forEach((name, features) -> features.forEach(setsNode.putArray(name)::add));
        ArrayNode targetsNode = root.putArray(TARGETS);
        targets.forEach(targetsNode::add);
        JSON.writeValue(file.toFile(), root);
    }

    private static List<String> strings(Path file, String key, JsonNode node) throws DataException {
        List<String> values = new ArrayList<>();
        for (JsonNode element : node) {
            values.add(element.isTextual() ? element.asText() : null);
        }
        if (!node.isArray() || values.contains(null)) {
            throw new DataException(file + ": \"" + key + "\" must be a list of column names; delete the file and"
                    + " download features.json again.");
        }
        return values;
    }
}
