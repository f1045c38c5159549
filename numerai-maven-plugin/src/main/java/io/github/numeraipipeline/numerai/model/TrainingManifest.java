package io.github.numeraipipeline.numerai.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.numeraipipeline.numerai.io.AtomicFiles;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * {@code <name>.manifest.json} beside a trained booster: what it was made from and with, so that anyone can tell
 * whether a booster matches its config and data, and make it again: SHA-256 of the config, the data files and the
 * booster; library versions; row and feature counts; the time each step took. {@link BoosterStore} trusts a trained
 * booster only as far as its manifest pins it to the booster's bytes and the config's.
 */
final class TrainingManifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = JSON.createObjectNode();
    private final ModelLibrary library;

    TrainingManifest(ModelConfig config, Instant createdAt) {
        library = config.library();
        root.put("model", config.name());
        root.put("createdAt", createdAt.toString());
    }

    /** The SHA-256 sums a manifest pins its booster and its config to; null where it names none. */
    record Pins(String boosterSha256, String configSha256) {
    }

    /** Reads the pins of a manifest file. */
    static Pins pins(Path manifest) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(manifest));
        return new Pins(text(root.at("/files/booster/sha256")), text(root.at("/files/config/sha256")));
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    TrainingManifest file(String role, Path file) throws IOException {
        root.with("files").putObject(role).put("path", file.toAbsolutePath().toString()).put("sha256", Sha256.of(file));
        return this;
    }

    TrainingManifest booster(Path file, byte[] content) {
        root.with("files").putObject("booster").put("path", file.toAbsolutePath().toString())
                .put("sha256", Sha256.of(content));
        return this;
    }

    /**
     * How the train file reached the library: XGBoost's {@code float}, {@code int8} or {@code int8-disk}, or
     * {@value TrainingPlan#LIGHTGBM_DATASET}; call after {@link #training}.
     */
    TrainingManifest matrix(String matrix) {
        ((ObjectNode) root.get("training")).put("matrix", matrix);
        return this;
    }

    TrainingManifest training(ModelConfig config, int eraStep, int trainRows, int trainEras, int features,
            int validationRows) {
        ObjectNode training = root.putObject("training");
        training.put("dataVersion", config.dataVersion());
        training.put("featureSet", config.featureSet());
        training.put("features", features);
        training.put("target", config.target());
        training.put("numBoostRound", config.numBoostRound());
        training.set("params", JSON.valueToTree(config.params()));
        training.put("eraStep", eraStep);
        training.put("trainRows", trainRows);
        training.put("trainEras", trainEras);
        training.put("validationRows", validationRows);
        return this;
    }

    TrainingManifest seconds(Map<String, Double> seconds) {
        ObjectNode node = root.putObject("seconds");
        seconds.forEach(node::put);
        return this;
    }

    TrainingManifest validation(ValidationMetrics metrics) {
        ObjectNode node = root.putObject("validation");
        metrics.summary().forEach((key, value) -> {
            if (Double.isFinite(value)) {
                node.put(key, value);
            } else {
                node.putNull(key);
            }
        });
        return this;
    }

    /**
     * Adds to an existing manifest the validation numbers of what the desk submits from this booster when it
     * neutralizes its predictions ({@code "neutralizedValidation"}, with the proportion). {@code "validation"}
     * stays the booster's own numbers: the manifest describes the booster, and the neutralization is a config
     * setting that may change without training again.
     */
    static void recordNeutralized(Path manifest, double proportion, ValidationMetrics metrics) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(Files.readAllBytes(manifest));
        ObjectNode node = root.putObject("neutralizedValidation");
        node.put("proportion", proportion);
        metrics.summary().forEach((key, value) -> {
            if (Double.isFinite(value)) {
                node.put(key, value);
            } else {
                node.putNull(key);
            }
        });
        AtomicFiles.write(manifest, JSON.writeValueAsBytes(root));
    }

    void writeTo(Path file) throws IOException {
        Map<String, String> libraries = libraries();
        if (library == ModelLibrary.LIGHTGBM) {
            // the LightGBM inside lightgbm4j's jar made the model; XGBoost's manifests stay as they were
            libraries.put("lightgbm4j", mavenVersion(com.microsoft.ml.lightgbm.lightgbmlib.class,
                    "io.github.metarank", "lightgbm4j"));
        }
        root.set("libraries", JSON.valueToTree(libraries));
        AtomicFiles.write(file, JSON.writeValueAsBytes(root));
    }

    /** Versions that decide what a booster looks like: XGBoost's, Java's, this plugin's. */
    static Map<String, String> libraries() {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("xgboost4j", mavenVersion(XGBoost.class, "ml.dmlc", "xgboost4j_2.12"));
        versions.put("numerai-maven-plugin",
                mavenVersion(TrainingManifest.class, "io.github.numeraipipeline", "numerai-maven-plugin"));
        versions.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return versions;
    }

    private static String mavenVersion(Class<?> type, String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = type.getResourceAsStream(resource)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // an unreadable version is not worth failing a training run for
        }
        return "unknown";
    }
}
