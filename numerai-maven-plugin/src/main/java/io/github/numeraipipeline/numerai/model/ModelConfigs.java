package io.github.numeraipipeline.numerai.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads the desk's model configs, strictly: a key we do not know, a value of the wrong type or a missing
 * required key is an error naming the file and the key, because a typo in a config silently ignored is a model
 * that trains or submits differently than its owner thinks.
 */
public final class ModelConfigs {
    static final String SUFFIX = ".json";
    private static final Set<String> KEYS = Set.of("name", "type", "library", "dataVersion", "featureSet", "target",
            "numBoostRound", "params", "booster");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelConfigs() {
    }

    /**
     * Every config in the folder ({@code *.json} that are not boosters, {@code *.model.json}), sorted by name; only
     * the named ones when {@code only} is not empty.
     */
    public static List<ModelConfig> load(Path directory, List<String> only) throws ModelConfigException {
        if (!Files.isDirectory(directory)) {
            throw new ModelConfigException("The models directory " + directory + " does not exist; put model configs"
                    + " (models/<name>.json) there or point -Dnumerai.modelsDirectory at the folder that has them");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(directory)) {
            files = list.filter(ModelConfigs::isConfigFile).sorted().toList();
        } catch (IOException e) {
            throw new ModelConfigException("Cannot list the models directory " + directory + ": " + e, e);
        }
        Map<String, ModelConfig> byName = new LinkedHashMap<>();
        for (Path file : files) {
            ModelConfig config = read(file);
            ModelConfig twin = byName.putIfAbsent(config.name(), config);
            if (twin != null) {
                throw new ModelConfigException("Two model configs are named \"" + config.name() + "\": " + twin.source()
                        + " and " + file + "; a name is a Numerai model slot, give each config its own");
            }
        }
        if (byName.isEmpty()) {
            throw new ModelConfigException("No model configs (*.json) in " + directory);
        }
        if (only == null || only.isEmpty()) {
            return List.copyOf(byName.values());
        }
        List<ModelConfig> chosen = new ArrayList<>();
        for (String name : only) {
            ModelConfig config = byName.get(name.trim());
            if (config == null) {
                throw new ModelConfigException("numerai.models names \"" + name.trim() + "\", but " + directory
                        + " has configs for " + new TreeSet<>(byName.keySet()));
            }
            chosen.add(config);
        }
        return chosen;
    }

    static boolean isConfigFile(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(SUFFIX) && !name.endsWith(".model.json") && !name.endsWith(".manifest.json")
                && !name.startsWith(".") && Files.isRegularFile(file);
    }

    /** One config file, checked key by key. */
    public static ModelConfig read(Path file) throws ModelConfigException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new ModelConfigException("Model config " + file + " does not exist");
        } catch (JsonProcessingException e) {
            throw new ModelConfigException("Model config " + file + " is not valid JSON: "
                    + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")", e);
        } catch (IOException e) {
            throw new ModelConfigException("Cannot read model config " + file + ": " + e, e);
        }
        if (root == null || !root.isObject()) {
            throw new ModelConfigException("Model config " + file + " must be a JSON object such as"
                    + " {\"name\": \"xgba\", \"dataVersion\": \"v5.0\", ...}");
        }
        for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new ModelConfigException("Model config " + file + " has an unknown key \"" + key
                        + "\"; the keys are " + new TreeSet<>(KEYS) + " (learner settings go inside \"params\")");
            }
        }
        Fields fields = new Fields(file, root);
        String name = fields.text("name", null);
        ModelLibrary library = library(fields);
        String booster = fields.text("booster", name + library.boosterSuffix());
        refuseOtherLibrarysBooster(file, library, booster);
        Path dir = file.toAbsolutePath().getParent();
        return new ModelConfig(name, library.key(), fields.text("dataVersion", null), fields.text("featureSet", null),
                fields.text("target", "target"), fields.positiveInt("numBoostRound", 0), fields.params(),
                dir.resolve(booster).normalize(), file);
    }

    /**
     * {@code "library"}, by default {@code xgboost}; {@code "type"} is its older name, still read (both given must
     * agree).
     */
    private static ModelLibrary library(Fields fields) throws ModelConfigException {
        String library = fields.text("library", fields.text("type", ModelLibrary.XGBOOST.key()));
        String type = fields.text("type", library);
        if (!type.equals(library)) {
            throw new ModelConfigException("Model config " + fields.file() + ": \"library\" is \"" + library
                    + "\" but \"type\", its older name, is \"" + type + "\"; keep only \"library\"");
        }
        String key = fields.root().has("library") ? "library" : "type";
        return ModelLibrary.of(library).orElseThrow(() -> new ModelConfigException("Model config " + fields.file()
                + ": \"" + key + "\" is \"" + library + "\"; use one of " + List.of(ModelLibrary.values())
                + " (xgboost when the key is left out)"));
    }

    /** A booster named for the other library's format would be loaded by the wrong library. */
    private static void refuseOtherLibrarysBooster(Path file, ModelLibrary library, String booster)
            throws ModelConfigException {
        for (ModelLibrary other : ModelLibrary.values()) {
            if (other != library && booster.endsWith(other.boosterSuffix())) {
                throw new ModelConfigException("Model config " + file + ": \"booster\" is \"" + booster + "\", "
                        + other + "'s format (" + other.boosterSuffix() + "), but \"library\" is " + library
                        + "; point \"booster\" at a " + library + " model (" + library.boosterSuffix() + ") or set"
                        + " \"library\": \"" + other + "\"");
            }
        }
    }

    /** Typed access to a config's keys, with errors that name the file and the key. */
    private record Fields(Path file, JsonNode root) {
        String text(String key, String fallback) throws ModelConfigException {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                if (fallback == null) {
                    throw new ModelConfigException("Model config " + file + " lacks \"" + key + "\" (a string)");
                }
                return fallback;
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw new ModelConfigException("Model config " + file + ": \"" + key + "\" must be a non-empty"
                        + " string, found " + value);
            }
            return value.asText().trim();
        }

        int positiveInt(String key, int fallback) throws ModelConfigException {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > 1_000_000) {
                throw new ModelConfigException("Model config " + file + ": \"" + key + "\" must be a whole number"
                        + " from 1 to 1000000, found " + value);
            }
            return value.asInt();
        }

        Map<String, Object> params() throws ModelConfigException {
            JsonNode value = root.get("params");
            if (value == null || value.isNull()) {
                return Map.of();
            }
            if (!value.isObject()) {
                throw new ModelConfigException("Model config " + file + ": \"params\" must be an object such as"
                        + " {\"max_depth\": 5}, found " + value);
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode param = entry.getValue();
                if (!param.isValueNode() || param.isNull()) {
                    throw new ModelConfigException("Model config " + file + ": \"params\"." + entry.getKey()
                            + " must be a number, string or boolean, found " + param);
                }
                params.put(entry.getKey(), JSON.convertValue(param, Object.class));
            }
            return params;
        }
    }
}
