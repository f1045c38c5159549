package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
import io.github.numeraipipeline.numerai.scoring.Neutralization;
import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import io.github.numeraipipeline.numerai.scoring.RankEnsemble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts the live data with each model and writes one checked file per model, then {@code predictions.json}
 * (which also names the booster each model used). Each model's booster is the one {@link BoosterStore} finds.
 * Models are independent: one whose booster is missing, whose features the live file lacks or whose predictions
 * fail Numerai's checks is recorded as failed, and the others' files still stand. The live file of each data
 * version is read once, with the union of the columns its models need.
 */
public final class ModelPredictions {
    private static final Logger LOG = LoggerFactory.getLogger(ModelPredictions.class);

    /** Where each data version's live file and features.json are. */
    public interface LiveData {
        Path liveFile(String dataVersion) throws NumeraiException;

        /** Only asked for when a booster does not record its feature names. */
        Path featuresJson(String dataVersion) throws NumeraiException;
    }

    private final Path outputDirectory;
    private final PredictionTransform transform;
    private final BoosterStore boosters;
    private final ParquetFrameReader reader = new ParquetFrameReader();
    private final ParallelModels parallel;

    /** Predictions with each model's booster as {@code boosters} finds it, one model at a time. */
    public ModelPredictions(Path outputDirectory, PredictionTransform transform, BoosterStore boosters) {
        this(outputDirectory, transform, boosters, new ParallelModels(1));
    }

    /** @param parallel how many models predict at once (the live file is read once for all) */
    public ModelPredictions(Path outputDirectory, PredictionTransform transform, BoosterStore boosters,
            ParallelModels parallel) {
        this.outputDirectory = outputDirectory;
        this.transform = transform;
        this.boosters = boosters;
        this.parallel = parallel;
    }

    /**
     * Boosters first, per data version (the live file read once with every column the version's models need), then
     * the ensembles, each after its members. Only configs with {@code submit} get a file; the others are computed
     * for the ensembles that have them as members.
     *
     * @param round the round predicted, recorded with each file; null when unknown
     */
    public PredictionRecord run(List<ModelConfig> configs, LiveData live, Integer round) throws ModelException {
        List<PredictionFile> files = new ArrayList<>();
        Map<String, PredictionRecord.BoosterUsed> used = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, Predicted> predicted = new HashMap<>();
        Map<String, FeatureFrame> frames = new HashMap<>();
        Map<String, List<String>> allNeutralizers = new HashMap<>();
        Map<String, List<ModelConfig>> byVersion = new LinkedHashMap<>();
        configs.forEach(config -> byVersion.computeIfAbsent(config.dataVersion(), v -> new ArrayList<>()).add(config));
        PredictionWriter writer = new PredictionWriter(outputDirectory);
        for (Map.Entry<String, List<ModelConfig>> version : byVersion.entrySet()) {
            List<Ready> ready = new ArrayList<>();
            Map<String, List<String>> neutralizers = new LinkedHashMap<>();
            try {
                Path liveFile = live.liveFile(version.getKey());
                Set<String> columns = new HashSet<>(ParquetFrameReader.columnNames(liveFile));
                for (ModelConfig config : version.getValue()) {
                    try {
                        if (config.neutralize() != null) {
                            neutralizers.put(config.name(), neutralizerFeatures(config, live, liveFile, columns));
                        }
                        if (!config.isEnsemble()) {
                            ready.add(prepare(config, live, liveFile, columns));
                        }
                    } catch (NumeraiException e) {
                        fail(failures, config, e);
                    }
                }
                allNeutralizers.putAll(neutralizers);
                predictAll(version.getKey(), ready, neutralizers, liveFile, writer, files, failures, predicted, frames);
                ready.stream().filter(r -> !failures.containsKey(r.booster.config().name()))
                        .forEach(r -> used.put(r.booster.config().name(), r.used));
            } catch (NumeraiException e) {
                version.getValue().stream().filter(c -> !failures.containsKey(c.name()))
                        .forEach(config -> fail(failures, config, e));
            } finally {
                ready.forEach(r -> r.booster.close());
            }
        }
        for (ModelConfig ensemble : Ensembles.inOrder(configs)) {
            if (failures.containsKey(ensemble.name())) {
                continue;
            }
            try {
                Predicted values = combine(ensemble, predicted, failures, frames,
                        allNeutralizers.get(ensemble.name()));
                predicted.put(ensemble.name(), values);
                if (ensemble.submit()) {
                    files.add(writer.write(ensemble.name(), values.ids, values.values));
                    LOG.info("Ensemble {}: {} predictions of {} checked and written", ensemble.name(),
                            values.ids.size(), ensemble.ensemble().members());
                }
            } catch (NumeraiException e) {
                fail(failures, ensemble, e);
            }
        }
        PredictionRecord record = new PredictionRecord(transform.id(), round, files, used, failures);
        try {
            record.writeTo(outputDirectory);
        } catch (IOException e) {
            throw ModelException.fault("Cannot write " + outputDirectory.resolve(PredictionRecord.FILE_NAME) + ": " + e, e);
        }
        return record;
    }

    private void predictAll(String version, List<Ready> ready, Map<String, List<String>> neutralizers, Path liveFile,
            PredictionWriter writer, List<PredictionFile> files, Map<String, String> failures,
            Map<String, Predicted> predicted, Map<String, FeatureFrame> frames) throws NumeraiException {
        if (ready.isEmpty() && neutralizers.isEmpty()) {
            return;
        }
        Set<String> union = new LinkedHashSet<>();
        ready.forEach(r -> union.addAll(r.features));
        neutralizers.values().forEach(union::addAll);
        long start = System.nanoTime();
        FeatureFrame frame = reader.read(liveFile, List.copyOf(union), List.of());
        LOG.info("Read {} live rows x {} features from {} in {} ms", frame.rowCount(), union.size(), liveFile,
                (System.nanoTime() - start) / 1_000_000);
        frames.put(version, frame);
        Map<String, Ready> byName = new HashMap<>();
        ready.forEach(r -> byName.put(r.booster.config().name(), r));
        List<ParallelModels.Outcome<Predicted>> outcomes = parallel.run(
                ready.stream().map(r -> r.booster.config()).toList(), config -> {
                    Ready r = byName.get(config.name());
                    long modelStart = System.nanoTime();
                    float[] outputs = r.booster.predict(r.features, frame);
                    List<String> ids = frame.ids();
                    double[] values;
                    if (config.neutralize() == null) {
                        values = transform.apply(config.name(), outputs);
                    } else {
                        // neutralized predictions are ranks whatever the transform: the chain starts with a rank
                        values = neutralized(config, PredictionTransform.RANK.apply(config.name(), outputs),
                                neutralizers.get(config.name()), frame, allRows(frame.rowCount()));
                    }
                    if (config.submit()) {
                        PredictionFile file = writer.write(config.name(), ids, values);
                        LOG.info("Model {}: {} predictions ({}) checked and written to {} in {} ms", config.name(),
                                file.rows(), config.neutralize() == null ? transform.id() : "neutralized, rank",
                                file.path(), (System.nanoTime() - modelStart) / 1_000_000);
                        return new Predicted(ids, values, file);
                    } else {
                        LOG.info("Model {}: {} predictions, internal (\"submit\": false), in {} ms", config.name(),
                                ids.size(), (System.nanoTime() - modelStart) / 1_000_000);
                    }
                    return new Predicted(ids, values, null);
                });
        for (ParallelModels.Outcome<Predicted> outcome : outcomes) {
            if (outcome.succeeded()) {
                predicted.put(outcome.config().name(), outcome.value());
                if (outcome.value().file() != null) {
                    files.add(outcome.value().file());
                }
            } else {
                fail(failures, outcome.config(), outcome.failure());
            }
        }
    }

    /**
     * The ensemble's members' predictions, aligned by id, combined ({@link RankEnsemble}), then neutralized when it
     * asks for it. A member that failed fails the ensemble.
     */
    private Predicted combine(ModelConfig ensemble, Map<String, Predicted> predicted, Map<String, String> failures,
            Map<String, FeatureFrame> frames, List<String> features) throws NumeraiException {
        List<String> ids = null;
        List<double[]> members = new ArrayList<>();
        for (String member : ensemble.ensemble().members()) {
            Predicted values = predicted.get(member);
            if (values == null) {
                throw new ModelException("Ensemble " + ensemble.name() + " (" + ensemble.source() + ") has no"
                        + " predictions of its member " + member + ": "
                        + failures.getOrDefault(member, "it was not predicted"));
            }
            if (ids == null) {
                ids = values.ids;
                members.add(values.values);
            } else {
                members.add(aligned(ensemble, member, ids, values));
            }
        }
        double[] combined = RankEnsemble.combine(members, ensemble.ensemble().weights());
        if (ensemble.neutralize() == null) {
            return new Predicted(ids, combined);
        }
        FeatureFrame frame = frames.get(ensemble.dataVersion());
        if (frame == null) {
            throw new ModelException("Ensemble " + ensemble.name() + ": the live file of " + ensemble.dataVersion()
                    + " was not read, so its predictions cannot be neutralized");
        }
        Map<String, Integer> rowOf = new HashMap<>();
        List<String> frameIds = frame.ids();
        for (int i = 0; i < frameIds.size(); i++) {
            rowOf.put(frameIds.get(i), i);
        }
        int[] rows = new int[ids.size()];
        for (int i = 0; i < rows.length; i++) {
            Integer row = rowOf.get(ids.get(i));
            if (row == null) {
                throw new ModelException("Ensemble " + ensemble.name() + ": the live file of " + ensemble.dataVersion()
                        + " has no row " + ids.get(i) + ", which its members predicted; give the ensemble the data"
                        + " version of its members (\"dataVersion\" in " + ensemble.source() + ")");
            }
            rows[i] = row;
        }
        return new Predicted(ids, neutralized(ensemble, combined, features, frame, rows));
    }

    /** A member's predictions in the order of the first member's ids; the same ids or an error. */
    private static double[] aligned(ModelConfig ensemble, String member, List<String> ids, Predicted values)
            throws ModelException {
        if (values.ids.equals(ids)) {
            return values.values;
        }
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < values.ids.size(); i++) {
            position.put(values.ids.get(i), i);
        }
        if (position.size() != ids.size() || !position.keySet().containsAll(ids)) {
            throw new ModelException("Ensemble " + ensemble.name() + ": its member " + member + " predicted other"
                    + " live ids than " + ensemble.ensemble().members().get(0) + " (" + values.ids.size() + " and "
                    + ids.size() + " ids); members must predict the same round's live data");
        }
        double[] ordered = new double[ids.size()];
        for (int i = 0; i < ordered.length; i++) {
            ordered[i] = values.values[position.get(ids.get(i))];
        }
        return ordered;
    }

    /**
     * numerai-tools' chain on the live era (one era): rank, gaussianize, neutralize by the proportion, normalize the
     * variance; then the final tie-kept rank.
     */
    private static double[] neutralized(ModelConfig config, double[] values, List<String> features,
            FeatureFrame frame, int[] rows) throws ModelException {
        double[] neutral = Neutralization.rankGaussianNeutralize(values, frame, features, rows,
                config.neutralize().proportion());
        for (int i = 0; i < neutral.length; i++) {
            if (!Double.isFinite(neutral[i])) {
                throw new ModelException("Model " + config.name() + ": its neutralized predictions are not finite"
                        + " (row " + (i + 1) + "); predictions that are all equal cannot be neutralized");
            }
        }
        return NumeraiCorr.tieKeptRank(neutral);
    }

    private static int[] allRows(int count) {
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /**
     * The features a config neutralizes against: its feature set of the version's features.json, or its list;
     * each must be a column of the live file.
     */
    private static List<String> neutralizerFeatures(ModelConfig config, LiveData live, Path liveFile,
            Set<String> columns) throws NumeraiException {
        ModelConfig.Neutralize neutralize = config.neutralize();
        List<String> features;
        String key;
        if (neutralize.featureSet() != null) {
            key = "neutralize.featureSet";
            FeatureSets sets = FeatureSets.load(live.featuresJson(config.dataVersion()));
            if (!sets.names().contains(neutralize.featureSet())) {
                throw new ModelException("Model config " + config.source() + ": \"neutralize.featureSet\" is \""
                        + neutralize.featureSet() + "\", but the features.json of " + config.dataVersion() + " has the"
                        + " sets " + String.join(", ", sets.names()) + "; choose one of them");
            }
            features = sets.featureSet(neutralize.featureSet());
        } else {
            key = "neutralize.features";
            features = neutralize.features();
        }
        List<String> missing = features.stream().filter(f -> !columns.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new ModelException("Model config " + config.source() + ": \"" + key + "\" names " + missing.size()
                    + " feature(s) the live file " + liveFile + " lacks (" + String.join(", ",
                    missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : "")
                    + "); use features of " + config.dataVersion());
        }
        return features;
    }

    /** Loads the booster the store finds for the model and checks that the live file has every feature it takes. */
    private Ready prepare(ModelConfig config, LiveData live, Path liveFile, Set<String> columns)
            throws NumeraiException {
        BoosterStore.Located located = boosters.lookup(config).require();
        BoosterFile booster = BoosterFile.load(config, located.file());
        LOG.info("Model {}: booster {} ({})", config.name(), located.file(), located.origin());
        try {
            List<String> features = booster.featureNames();
            if (features.isEmpty()) {
                features = FeatureSets.load(live.featuresJson(config.dataVersion())).featureSet(config.featureSet());
            }
            List<String> missing = features.stream().filter(f -> !columns.contains(f)).toList();
            if (!missing.isEmpty()) {
                throw new ModelException("Model " + config.name() + ": the live file " + liveFile + " lacks "
                        + missing.size() + " of the " + features.size() + " features the booster " + located.file()
                        + " takes (" + String.join(", ", missing.subList(0, Math.min(5, missing.size())))
                        + (missing.size() > 5 ? ", ..." : "") + "). Use data of the version it was trained on"
                        + " (\"dataVersion\" in " + config.source() + ").");
            }
            return new Ready(booster, features, new PredictionRecord.BoosterUsed(located.file(),
                    located.origin().id(), Sha256.of(booster.content())));
        } catch (NumeraiException | RuntimeException e) {
            booster.close();
            throw e;
        }
    }

    /** Records the failure and removes an earlier run's file of the model, which must not be uploaded now. */
    private void fail(Map<String, String> failures, ModelConfig config, NumeraiException e) {
        LOG.error("Model {} has no predictions: {}", config.name(), e.getMessage());
        failures.put(config.name(), e.getMessage());
        try {
            Files.deleteIfExists(PredictionFile.pathFor(outputDirectory, config.name()));
        } catch (IOException deleteFailed) {
            e.addSuppressed(deleteFailed);
        }
    }

    private record Ready(BoosterFile booster, List<String> features, PredictionRecord.BoosterUsed used) {
    }

    /** A model's final values for the live ids, kept for the ensembles that have it as a member. */
    private record Predicted(List<String> ids, double[] values, PredictionFile file) {
        Predicted(List<String> ids, double[] values) {
            this(ids, values, null);
        }
    }
}
