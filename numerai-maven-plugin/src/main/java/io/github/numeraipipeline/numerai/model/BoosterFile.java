package io.github.numeraipipeline.numerai.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained model's booster file: XGBoost's JSON model format, as {@code numerai:train} writes it and as Python's
 * xgboost saves it ({@code save_model("x.json")}). Loading checks the file before XGBoost sees it, so that a
 * missing, empty or truncated file is a message naming the model and the fix rather than a native error.
 */
public final class BoosterFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelConfig config;
    private final Booster booster;
    private final List<String> featureNames;
    private final byte[] content;

    private BoosterFile(ModelConfig config, Booster booster, List<String> featureNames, byte[] content) {
        this.config = config;
        this.booster = booster;
        this.featureNames = featureNames;
        this.content = content;
    }

    /** Loads the config's booster ({@link ModelConfig#booster()}). */
    public static BoosterFile load(ModelConfig config) throws ModelException {
        Path file = config.booster();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelException("Model " + config.name() + ": the booster " + file + " does not exist (key"
                    + " \"booster\" of " + config.source() + "). Train it with numerai:train, or put an XGBoost JSON"
                    + " model there.", e);
        } catch (IOException e) {
            throw ModelException.fault("Model " + config.name() + ": cannot read the booster " + file + ": " + e, e);
        }
        JsonNode learner = learnerOf(config, content);
        try {
            Booster booster = XGBoost.loadModel(content);
            return new BoosterFile(config, booster, featureNames(learner), content);
        } catch (XGBoostError | IOException e) {
            throw new ModelException("Model " + config.name() + ": XGBoost cannot load the booster " + file + " ("
                    + e.getMessage() + "). Train it again with numerai:train, or replace the file.", e);
        }
    }

    /** Writes a booster as XGBoost JSON, atomically; returns the bytes written. */
    static byte[] save(Booster booster, Path file) throws ModelException {
        try {
            byte[] json = booster.toByteArray("json");
            AtomicFiles.write(file, json);
            return json;
        } catch (XGBoostError e) {
            throw ModelException.fault("XGBoost cannot serialize the booster for " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw ModelException.fault("Cannot write the booster " + file + ": " + e, e);
        }
    }

    public ModelConfig config() {
        return config;
    }

    /** The feature names the booster was trained with, in its column order; empty when the file has none. */
    public List<String> featureNames() {
        return featureNames;
    }

    /** The file's bytes as loaded, for checksums. */
    byte[] content() {
        return content.clone();
    }

    Booster booster() {
        return booster;
    }

    int featureCount() throws XGBoostError {
        return (int) booster.getNumFeature();
    }

    @Override
    public void close() {
        booster.dispose();
    }

    private static JsonNode learnerOf(ModelConfig config, byte[] content) throws ModelException {
        String problem;
        try {
            JsonNode root = content.length == 0 ? null : JSON.readTree(content);
            JsonNode learner = root == null ? null : root.get("learner");
            if (learner != null && learner.has("gradient_booster")) {
                return learner;
            }
            problem = content.length == 0 ? "is empty" : "is JSON but not an XGBoost model (no learner.gradient_booster)";
        } catch (JsonProcessingException e) {
            problem = "is not a complete JSON file (it breaks off or goes wrong at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + "): an interrupted"
                    + " copy, or a binary model (save it as JSON: booster.save_model(\"name.json\"))";
        } catch (IOException e) {
            problem = "cannot be parsed: " + e;
        }
        throw new ModelException("Model " + config.name() + ": the booster " + config.booster() + " " + problem
                + ". Train it again with numerai:train, or replace the file.");
    }

    private static List<String> featureNames(JsonNode learner) {
        List<String> names = new ArrayList<>();
        for (JsonNode name : learner.path("feature_names")) {
            names.add(name.asText());
        }
        return List.copyOf(names);
    }
}
