package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.report.ModelCorrelationReport;
import io.github.numeraipipeline.numerai.report.ValidationReport;
import io.github.numeraipipeline.numerai.scoring.ModelCorrelation;
import io.github.numeraipipeline.numerai.scoring.Neutralization;
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import io.github.numeraipipeline.numerai.scoring.RankEnsemble;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validation reports of what the desk submits rather than of a booster alone: ensembles (their members' validation
 * predictions combined per era as at predict time) and neutralized models (neutralized per era). Each is scored on
 * the validation rows of its own data version that have the target ({@code target} for an ensemble, which has
 * none of its own), and the report {@code <name>.html}/{@code .json} is written as for any trained model.
 */
public final class CombinedValidation {
    private static final Logger LOG = LoggerFactory.getLogger(CombinedValidation.class);
    private static final String ENSEMBLE_TARGET = "target";

    /** A data version's validation file and features.json. */
    public interface Files {
        Path validation(String dataVersion);

        Path features(String dataVersion);

        /** The version's {@code meta_model.parquet} (for mmc), or null when there is none. */
        default Path metaModel(String dataVersion) {
            return null;
        }

        /** The version's {@code validation_benchmark_models.parquet} (for bmc), or null when there is none. */
        default Path benchmarks(String dataVersion) {
            return null;
        }
    }

    private final BoosterStore boosters;
    private final Files files;
    private final Path reportDirectory;
    private final ParquetFrameReader reader = new ParquetFrameReader();
    private final Map<String, FeatureFrame> frames = new HashMap<>();
    private final Map<String, Map<String, Double>> predicted = new HashMap<>();

    public CombinedValidation(BoosterStore boosters, Files files, Path reportDirectory) {
        this.boosters = boosters;
        this.files = files;
        this.reportDirectory = reportDirectory;
    }

    /** Whether a config's report needs this step: an ensemble, or a model that neutralizes. */
    public static boolean applies(ModelConfig config) {
        return config.isEnsemble() || config.neutralize() != null;
    }

    /** Scores the config and writes its report; returns the report. */
    public Path report(ModelConfig config, Map<String, ModelConfig> byName) throws NumeraiException {
        // a neutralized booster is scored as its training scored it: exposure (and fnc when asked) on its set
        List<String> scoredFeatures = config.isEnsemble() ? List.of()
                : FeatureSets.load(files.features(config.dataVersion())).featureSet(config.featureSet());
        List<String> columns = new ArrayList<>(neutralizers(config));
        columns.addAll(scoredFeatures);
        FeatureFrame frame = frame(config.dataVersion(), columns);
        String target = config.isEnsemble() ? ENSEMBLE_TARGET : config.target();
        int[] rows = EraSelection.rows(frame, target, 1, EraSelection.VALIDATION);
        Map<String, Double> values = predictions(config, byName);
        frame = frames.get(config.dataVersion()); // read again if a member needed more columns
        float[] scored = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            Double value = values.get(frame.ids().get(rows[i]));
            if (value == null) {
                throw new ModelException("Model " + config.name() + ": no validation prediction for id "
                        + frame.ids().get(rows[i]) + " of " + files.validation(config.dataVersion()) + "; members"
                        + " must validate on the same rows as the ensemble's data version");
            }
            scored[i] = (float) (double) value;
        }
        ValidationMetrics metrics = ValidationMetrics.score(frame, target, scoredFeatures, rows, scored,
                ValidationReferences.extras(config, frame, target, files.metaModel(config.dataVersion()),
                        files.benchmarks(config.dataVersion())));
        LOG.info(String.format(Locale.ROOT, "Model %s (%s) on %d validation eras: mean corr %.4f, sharpe %.2f",
                config.name(), describe(config), metrics.eras().size(), metrics.mean(), metrics.sharpe()));
        ValidationReport.Facts facts = new ValidationReport.Facts(config.name(), config.dataVersion(),
                config.isEnsemble() ? "(ensemble)" : config.featureSet(), target, 0, scoredFeatures.size(), 1,
                describe(config),
                files.validation(config.dataVersion()).toString(), config.isEnsemble() ? "(ensemble of "
                + String.join(", ", config.ensemble().members()) + ")" : "(neutralized)");
        try {
            Path report = ValidationReport.write(reportDirectory, facts, metrics);
            recordInManifest(config, metrics);
            return report;
        } catch (IOException e) {
            throw ModelException.fault("Model " + config.name() + ": cannot write its report: " + e, e);
        }
    }

    /**
     * A neutralized booster's manifest gets the numbers of what is submitted ({@code neutralizedValidation}) beside
     * the booster's own, when the booster is the one train keeps (a booster beside the config has no manifest).
     */
    private void recordInManifest(ModelConfig config, ValidationMetrics metrics) throws NumeraiException,
            IOException {
        if (config.isEnsemble()) {
            return;
        }
        Path manifest = boosters.trainedManifest(config);
        BoosterStore.Located located = boosters.lookup(config).require();
        if (located.file().equals(boosters.trainedBooster(config)) && java.nio.file.Files.isRegularFile(manifest)) {
            TrainingManifest.recordNeutralized(manifest, config.neutralize().proportion(), metrics);
        }
    }

    private static String describe(ModelConfig config) {
        String what = config.isEnsemble() ? "ensemble of " + config.ensemble().members() + " weights "
                + config.ensemble().weights() : "booster";
        return config.neutralize() == null ? what : what + ", neutralized " + config.neutralize().proportion();
    }

    /**
     * The correlation of each pair of these configs per validation era ({@link ModelCorrelation}), written as
     * {@link ModelCorrelationReport}; a config whose values cannot be had (no validation data, no booster) is left
     * out with a warning. Null when fewer than two remain.
     */
    public Path correlations(List<ModelConfig> configs, Map<String, ModelConfig> byName) throws NumeraiException {
        List<String> names = new ArrayList<>();
        List<Map<String, Double>> values = new ArrayList<>();
        Map<String, String> eraOfId = new HashMap<>();
        for (ModelConfig config : configs) {
            if (!java.nio.file.Files.isRegularFile(files.validation(config.dataVersion()))) {
                LOG.warn("Model correlations leave out {}: the validation data of {} is not in the cache",
                        config.name(), config.dataVersion());
                continue;
            }
            try {
                values.add(predictions(config, byName));
            } catch (NumeraiException e) {
                LOG.warn("Model correlations leave out {}: {}", config.name(), e.getMessage());
                continue;
            }
            names.add(config.name());
            FeatureFrame frame = frames.get(config.dataVersion());
            for (int row = 0; row < frame.rowCount(); row++) {
                eraOfId.putIfAbsent(frame.ids().get(row), FeatureFrame.eraOf(frame.eras().get(row)));
            }
        }
        if (names.size() < 2) {
            return null;
        }
        List<ModelCorrelation> pairs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                ModelCorrelation pair = ModelCorrelation.of(names.get(i), names.get(j), values.get(i), values.get(j),
                        eraOfId);
                pairs.add(pair);
                // one line a pair grows as the square of the desk: the page has them all
                LOG.debug(String.format(Locale.ROOT, "Models %s and %s: mean per-era correlation %.4f over %d"
                        + " validation eras", pair.a(), pair.b(), pair.mean(), pair.eras().size()));
            }
        }
        try {
            return ModelCorrelationReport.write(reportDirectory, names, pairs);
        } catch (IOException e) {
            throw ModelException.fault("Cannot write the model correlations into " + reportDirectory + ": " + e, e);
        }
    }

    /** id to the config's final value on its version's validation rows, per era as at predict time. */
    private Map<String, Double> predictions(ModelConfig config, Map<String, ModelConfig> byName)
            throws NumeraiException {
        Map<String, Double> done = predicted.get(config.name());
        if (done != null) {
            return done;
        }
        FeatureFrame frame = frame(config.dataVersion(), neutralizers(config));
        Map<String, List<Integer>> byEra = new TreeMap<>();
        for (int row = 0; row < frame.rowCount(); row++) {
            if (EraSelection.VALIDATION.equals(frame.dataTypes().get(row)) || frame.dataTypes().get(row) == null) {
                byEra.computeIfAbsent(FeatureFrame.eraOf(frame.eras().get(row)), e -> new ArrayList<>()).add(row);
            }
        }
        List<Map<String, Double>> members = new ArrayList<>();
        float[] outputs = null;
        if (config.isEnsemble()) {
            for (String member : config.ensemble().members()) {
                members.add(predictions(byName.get(member), byName));
            }
        } else {
            outputs = boosterOutputs(config);
        }
        List<String> neutralizers = neutralizers(config);
        Map<String, Double> values = new HashMap<>();
        for (List<Integer> era : byEra.values()) {
            int[] rows = era.stream().mapToInt(Integer::intValue).toArray();
            double[] eraValues;
            if (config.isEnsemble()) {
                List<double[]> memberValues = new ArrayList<>();
                for (int m = 0; m < members.size(); m++) {
                    double[] v = new double[rows.length];
                    for (int i = 0; i < rows.length; i++) {
                        Double value = members.get(m).get(frame.ids().get(rows[i]));
                        if (value == null) {
                            throw new ModelException("Ensemble " + config.name() + ": its member "
                                    + config.ensemble().members().get(m) + " has no validation prediction for id "
                                    + frame.ids().get(rows[i]) + "; members must validate on the same rows");
                        }
                        v[i] = value;
                    }
                    memberValues.add(v);
                }
                eraValues = RankEnsemble.combine(memberValues, config.ensemble().weights());
            } else {
                eraValues = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    eraValues[i] = Double.parseDouble(Float.toString(outputs[rows[i]]));
                }
                eraValues = NumeraiCorr.tieKeptRank(eraValues);
            }
            if (config.neutralize() != null) {
                eraValues = NumeraiCorr.tieKeptRank(Neutralization.rankGaussianNeutralize(eraValues, frame,
                        neutralizers, rows, config.neutralize().proportion()));
            }
            for (int i = 0; i < rows.length; i++) {
                values.put(frame.ids().get(rows[i]), eraValues[i]);
            }
        }
        predicted.put(config.name(), values);
        return values;
    }

    /** The booster's outputs for every row of its version's validation frame. */
    private float[] boosterOutputs(ModelConfig config) throws NumeraiException {
        BoosterStore.Located located = boosters.lookup(config).require();
        try (BoosterFile booster = BoosterFile.load(config, located.file())) {
            List<String> features = booster.featureNames();
            if (features.isEmpty()) {
                features = FeatureSets.load(files.features(config.dataVersion())).featureSet(config.featureSet());
            }
            FeatureFrame frame = frame(config.dataVersion(), features);
            return booster.predict(features, frame);
        }
    }

    /** The config's neutralizer features, or none. */
    private List<String> neutralizers(ModelConfig config) throws NumeraiException {
        if (config.neutralize() == null) {
            return List.of();
        }
        if (config.neutralize().featureSet() == null) {
            return config.neutralize().features();
        }
        return FeatureSets.load(files.features(config.dataVersion())).featureSet(config.neutralize().featureSet());
    }

    /**
     * The version's validation frame with at least these features; read again with the union when a later config
     * needs more (validation files are read whole per version, so only the columns asked for).
     */
    private FeatureFrame frame(String version, List<String> features) throws NumeraiException {
        FeatureFrame frame = frames.get(version);
        if (frame != null && frame.featureNames().containsAll(features)) {
            return frame;
        }
        Set<String> columns = new LinkedHashSet<>(frame == null ? List.of() : frame.featureNames());
        columns.addAll(features);
        FeatureSets sets = FeatureSets.load(files.features(version));
        List<String> targets = new ArrayList<>(sets.targets().isEmpty() ? List.of(ENSEMBLE_TARGET) : List.of());
        List<String> available = ParquetFrameReader.columnNames(files.validation(version));
        for (String column : available) {
            if (column.startsWith("target") && !targets.contains(column)) {
                targets.add(column);
            }
        }
        frame = reader.read(files.validation(version), List.copyOf(columns), targets);
        frames.put(version, frame);
        return frame;
    }
}
