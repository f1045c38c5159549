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
            "numBoostRound", "params", "booster", "submit", "ensemble", "neutralize", "validationMetrics", "benchmarkModel");
    /** What the validation report can compute. */
    private static final List<String> VALIDATION_METRICS = List.of("corr", "fnc", "mmc", "bmc");
    /** What an ensemble config may have: it has no booster of its own. */
    private static final Set<String> ENSEMBLE_KEYS = Set.of("name", "dataVersion", "submit", "ensemble", "neutralize",
            "validationMetrics", "benchmarkModel");
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
        Ensembles.check(byName);
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
        return Ensembles.withMembers(chosen, byName);
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
        boolean submit = fields.bool("submit", true);
        ModelConfig.Neutralize neutralize = fields.neutralize();
        if (root.has("ensemble")) {
            for (Iterator<String> keys = root.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!ENSEMBLE_KEYS.contains(key)) {
                    throw new ModelConfigException("Model config " + file + " is an ensemble (it has \"ensemble\") and"
                            + " so has no booster of its own: remove \"" + key + "\" (an ensemble's keys are "
                            + new TreeSet<>(ENSEMBLE_KEYS) + "; the members' configs have the boosters)");
                }
            }
            List<String> metrics = fields.validationMetrics();
            if (metrics.contains("fnc")) {
                throw new ModelConfigException("Model config " + file + ": \"validationMetrics\" names \"fnc\", but an"
                        + " ensemble has no feature set to neutralize against; ask for fnc in its members' configs"
                        + " (an ensemble may have corr, mmc and bmc)");
            }
            return new ModelConfig(name, ModelConfig.ENSEMBLE_TYPE, fields.text("dataVersion", null), null, null, 0,
                    Map.of(), null, file, submit, fields.ensemble(name), neutralize, metrics,
                    fields.benchmarkModel(metrics));
        }
        ModelLibrary library = library(fields);
        String booster = fields.text("booster", name + library.boosterSuffix());
        refuseOtherLibrarysBooster(file, library, booster);
        Path dir = file.toAbsolutePath().getParent();
        return new ModelConfig(name, library.key(), fields.text("dataVersion", null), fields.text("featureSet", null),
                fields.text("target", "target"), fields.positiveInt("numBoostRound", 0), fields.params(),
                dir.resolve(booster).normalize(), file, submit, null, neutralize, fields.validationMetrics(),
                fields.benchmarkModel(fields.validationMetrics()));
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

        boolean bool(String key, boolean fallback) throws ModelConfigException {
            JsonNode value = root.get(key);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                throw new ModelConfigException("Model config " + file + ": \"" + key + "\" must be true or false,"
                        + " found " + value);
            }
            return value.asBoolean();
        }

        /** {@code {"members": ["a", "b"], "weights": [0.5, 0.5]}}; weights default to equal ones. */
        ModelConfig.Ensemble ensemble(String name) throws ModelConfigException {
            JsonNode value = root.get("ensemble");
            String example = " such as {\"members\": [\"xgba\", \"xgbb\"], \"weights\": [0.5, 0.5]}";
            if (!value.isObject()) {
                throw new ModelConfigException("Model config " + file + ": \"ensemble\" must be an object" + example
                        + ", found " + value);
            }
            for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!key.equals("members") && !key.equals("weights")) {
                    throw new ModelConfigException("Model config " + file + ": \"ensemble\" has an unknown key \""
                            + key + "\"; its keys are members and weights");
                }
            }
            List<String> members = names(value.get("members"), "ensemble.members", example);
            if (members.contains(name)) {
                throw new ModelConfigException("Model config " + file + ": \"ensemble.members\" names the ensemble"
                        + " itself (\"" + name + "\"); list other configs of the models directory");
            }
            JsonNode weightsNode = value.get("weights");
            List<Double> weights = new ArrayList<>();
            if (weightsNode == null || weightsNode.isNull()) {
                members.forEach(member -> weights.add(1.0));
            } else {
                if (!weightsNode.isArray()) {
                    throw new ModelConfigException("Model config " + file + ": \"ensemble.weights\" must be a list"
                            + " of positive numbers, one per member, found " + weightsNode);
                }
                for (JsonNode weight : weightsNode) {
                    if (!weight.isNumber() || !(weight.asDouble() > 0) || Double.isInfinite(weight.asDouble())) {
                        throw new ModelConfigException("Model config " + file + ": \"ensemble.weights\" must be"
                                + " positive numbers, found " + weight);
                    }
                    weights.add(weight.asDouble());
                }
                if (weights.size() != members.size()) {
                    throw new ModelConfigException("Model config " + file + ": \"ensemble.weights\" has "
                            + weights.size() + " weights for " + members.size() + " members " + members
                            + "; give one weight per member, in the same order (or leave weights out for equal ones)");
                }
            }
            return new ModelConfig.Ensemble(members, weights);
        }

        /**
         * {@code {"proportion": 0.5, "featureSet": "small"}} or {@code {"proportion": 0.5, "features": [...]}};
         * null when the config has no {@code neutralize}.
         */
        ModelConfig.Neutralize neutralize() throws ModelConfigException {
            JsonNode value = root.get("neutralize");
            if (value == null || value.isNull()) {
                return null;
            }
            String example = " such as {\"proportion\": 0.5, \"featureSet\": \"small\"}";
            if (!value.isObject()) {
                throw new ModelConfigException("Model config " + file + ": \"neutralize\" must be an object" + example
                        + ", found " + value);
            }
            for (Iterator<String> keys = value.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                if (!Set.of("proportion", "featureSet", "features").contains(key)) {
                    throw new ModelConfigException("Model config " + file + ": \"neutralize\" has an unknown key \""
                            + key + "\"; its keys are proportion, featureSet, features");
                }
            }
            JsonNode proportion = value.get("proportion");
            if (proportion == null || !proportion.isNumber() || !(proportion.asDouble() >= 0)
                    || !(proportion.asDouble() <= 1)) {
                throw new ModelConfigException("Model config " + file + ": \"neutralize.proportion\" must be a number"
                        + " from 0 to 1 (1 neutralizes fully, 0.5 half), found " + proportion);
            }
            JsonNode set = value.get("featureSet");
            JsonNode features = value.get("features");
            if ((set == null) == (features == null)) {
                throw new ModelConfigException("Model config " + file + ": \"neutralize\" needs either \"featureSet\""
                        + " (a feature set of the data version, such as \"small\") or \"features\" (a list of feature"
                        + " names), not " + (set == null ? "neither" : "both"));
            }
            if (set != null) {
                if (!set.isTextual() || set.asText().isBlank()) {
                    throw new ModelConfigException("Model config " + file + ": \"neutralize.featureSet\" must be the"
                            + " name of a feature set, found " + set);
                }
                return new ModelConfig.Neutralize(proportion.asDouble(), set.asText().trim(), List.of());
            }
            return new ModelConfig.Neutralize(proportion.asDouble(), null,
                    names(features, "neutralize.features", " such as [\"feature_a\", \"feature_b\"]"));
        }

        /** A non-empty list of distinct, non-empty strings. */
        private List<String> names(JsonNode value, String key, String example) throws ModelConfigException {
            if (value == null || !value.isArray() || value.isEmpty()) {
                throw new ModelConfigException("Model config " + file + ": \"" + key + "\" must be a non-empty list"
                        + " of names" + example + ", found " + value);
            }
            List<String> names = new ArrayList<>();
            for (JsonNode element : value) {
                if (!element.isTextual() || element.asText().isBlank()) {
                    throw new ModelConfigException("Model config " + file + ": \"" + key + "\" must hold names"
                            + " (strings), found " + element);
                }
                String name = element.asText().trim();
                if (names.contains(name)) {
                    throw new ModelConfigException("Model config " + file + ": \"" + key + "\" names \"" + name
                            + "\" twice");
                }
                names.add(name);
            }
            return names;
        }

        /** {@code ["corr", "fnc"]}: corr is always computed, so it may be left out. */
        List<String> validationMetrics() throws ModelConfigException {
            JsonNode value = root.get("validationMetrics");
            if (value == null || value.isNull()) {
                return List.of("corr");
            }
            List<String> metrics = new ArrayList<>(List.of("corr"));
            for (String metric : names(value, "validationMetrics", " such as [\"corr\", \"fnc\", \"mmc\", \"bmc\"]")) {
                if (!VALIDATION_METRICS.contains(metric)) {
                    throw new ModelConfigException("Model config " + file + ": \"validationMetrics\" names \"" + metric
                            + "\"; the metrics are " + VALIDATION_METRICS);
                }
                if (!metrics.contains(metric)) {
                    metrics.add(metric);
                }
            }
            return metrics;
        }

        /** {@code "benchmarkModel"}: a column name; only with bmc, which is what it is for. */
        String benchmarkModel(List<String> metrics) throws ModelConfigException {
            JsonNode value = root.get("benchmarkModel");
            String column = value == null || value.isNull() ? null : text("benchmarkModel", "");
            if (column != null && !metrics.contains("bmc")) {
                throw new ModelConfigException("Model config " + file + ": \"benchmarkModel\" chooses the benchmark"
                        + " that bmc is measured against, but \"validationMetrics\" has no \"bmc\"; add it or remove"
                        + " \"benchmarkModel\"");
            }
            return column;
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
