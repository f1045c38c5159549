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
    private final Path file;
    private final Booster booster;
    private final List<String> featureNames;
    private final byte[] content;

    private BoosterFile(ModelConfig config, Path file, Booster booster, List<String> featureNames, byte[] content) {
        this.config = config;
        this.file = file;
        this.booster = booster;
        this.featureNames = featureNames;
        this.content = content;
    }

    /** Loads the model's booster from {@code file}, the one {@link BoosterStore#lookup} chose. */
    public static BoosterFile load(ModelConfig config, Path file) throws ModelException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelException("Model " + config.name() + ": the booster " + file + " does not exist. Train it"
                    + " with numerai:train, or put an XGBoost JSON model there.", e);
        } catch (IOException e) {
            throw ModelException.fault("Model " + config.name() + ": cannot read the booster " + file + ": " + e, e);
        }
        JsonNode learner = learnerOf(config, file, content);
        try {
            Booster booster = XGBoost.loadModel(content);
            return new BoosterFile(config, file, booster, featureNames(learner), content);
        } catch (XGBoostError | IOException e) {
            throw new ModelException("Model " + config.name() + ": XGBoost cannot load the booster " + file + " ("
                    + e.getMessage() + "). Train it again with numerai:train, or replace the file.", e);
        }
    }

    /** The booster as XGBoost JSON, as {@link #write} stores it. */
    static byte[] json(Booster booster, String model) throws ModelException {
        try {
            return booster.toByteArray("json");
        } catch (XGBoostError e) {
            throw ModelException.fault("Model " + model + ": XGBoost cannot serialize the booster: " + e.getMessage(),
                    e);
        }
    }

    /** Writes booster JSON atomically. */
    static void write(byte[] json, Path file) throws ModelException {
        try {
            AtomicFiles.write(file, json);
        } catch (IOException e) {
            throw ModelException.fault("Cannot write the booster " + file + ": " + e, e);
        }
    }

    public ModelConfig config() {
        return config;
    }

    /** The file it was loaded from. */
    public Path file() {
        return file;
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

    private static JsonNode learnerOf(ModelConfig config, Path file, byte[] content) throws ModelException {
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
        throw new ModelException("Model " + config.name() + ": the booster " + file + " " + problem
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
