package io.github.numeraipipeline.numerai.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * xgboost saves it ({@code save_model("x.json")}), or for a LightGBM config ({@link ModelLibrary}) LightGBM's text
 * format, as Python's lightgbm saves it ({@code save_model("x.model.txt")}). Loading checks the file before XGBoost sees it, so that a
 * missing, empty or truncated file is a message naming the model and the fix rather than a native error.
 */
public final class BoosterFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModelConfig config;
    private final Path file;
    private final Booster booster;
    private final LgbmBooster lgbm;
    private final List<String> featureNames;
    private final byte[] content;

    private BoosterFile(ModelConfig config, Path file, Booster booster, LgbmBooster lgbm, List<String> featureNames,
            byte[] content) {
        this.config = config;
        this.file = file;
        this.booster = booster;
        this.lgbm = lgbm;
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
                    + " with numerai:train, or put " + modelKind(config) + " there.", e);
        } catch (IOException e) {
            throw ModelException.fault("Model " + config.name() + ": cannot read the booster " + file + ": " + e, e);
        }
        if (config.library() == ModelLibrary.LIGHTGBM) {
            return loadLightGbm(config, file, content);
        }
        if (isLightGbmText(content)) {
            throw new ModelException("Model " + config.name() + ": the booster " + file + " is a LightGBM model"
                    + " (text format), but " + config.source() + " has \"library\": \"xgboost\"; set \"library\":"
                    + " \"lightgbm\", or point \"booster\" at an XGBoost JSON model.");
        }
        JsonNode learner = learnerOf(config, file, content);
        try {
            Booster booster = XGBoost.loadModel(content);
            return new BoosterFile(config, file, booster, null, featureNames(learner), content);
        } catch (XGBoostError | IOException e) {
            throw new ModelException("Model " + config.name() + ": XGBoost cannot load the booster " + file + " ("
                    + e.getMessage() + "). Train it again with numerai:train, or replace the file.", e);
        }
    }

    private static BoosterFile loadLightGbm(ModelConfig config, Path file, byte[] content) throws ModelException {
        if (!isLightGbmText(content)) {
            String problem = content.length == 0 ? "is empty"
                    : content[0] == '{' ? "is JSON, XGBoost's format, but " + config.source()
                            + " has \"library\": \"lightgbm\" (set \"library\": \"xgboost\" for it)"
                    : "is not a LightGBM text model (it does not start with the line \"tree\"; save it with"
                            + " booster.save_model(\"name.model.txt\"))";
            throw new ModelException("Model " + config.name() + ": the booster " + file + " " + problem
                    + ". Train it again with numerai:train, or replace the file.");
        }
        LgbmBooster lgbm = LgbmBooster.load(config.name(), content, file.toString());
        return new BoosterFile(config, file, null, lgbm, lgbm.featureNames(), content);
    }

    /** What a user may put beside the config, in messages. */
    static String modelKind(ModelConfig config) {
        return config.library() == ModelLibrary.LIGHTGBM ? "a LightGBM text model" : "an XGBoost JSON model";
    }

    /** LightGBM's text model starts with the line {@code tree}. */
    static boolean isLightGbmText(byte[] content) {
        String head = new String(content, 0, Math.min(content.length, 5), StandardCharsets.US_ASCII);
        return head.equals("tree\n") || head.equals("tree\r");
    }

    /** The model's raw outputs for every row of the frame, its columns picked by {@code features}' names. */
    float[] predict(List<String> features, FeatureFrame frame) throws ModelException {
        if (lgbm != null) {
            // the model file's own names, which prepare() checked the live file has
            return lgbm.predictFloats(frame, null);
        }
        return XgbPredictor.predict(this, features, frame);
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

    /** Writes a booster file (XGBoost JSON or LightGBM text) atomically. */
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

    /** XGBoost's booster; null for a LightGBM model. */
    Booster booster() {
        return booster;
    }

    /** LightGBM's model; null for an XGBoost booster. */
    LgbmBooster lightGbm() {
        return lgbm;
    }

    int featureCount() throws XGBoostError {
        return (int) booster.getNumFeature();
    }

    @Override
    public void close() {
        if (booster != null) {
            booster.dispose();
        }
        if (lgbm != null) {
            lgbm.close();
        }
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
