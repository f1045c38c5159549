package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.data.FeatureSets;
import io.github.numeraipipeline.numerai.io.Sha256;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.predictions.PredictionFile;
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

    /** @param round the round predicted, recorded with each file; null when unknown */
    public PredictionRecord run(List<ModelConfig> configs, LiveData live, Integer round) throws ModelException {
        List<PredictionFile> files = new ArrayList<>();
        Map<String, PredictionRecord.BoosterUsed> used = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        Map<String, List<ModelConfig>> byVersion = new LinkedHashMap<>();
        configs.forEach(config -> byVersion.computeIfAbsent(config.dataVersion(), v -> new ArrayList<>()).add(config));
        PredictionWriter writer = new PredictionWriter(outputDirectory);
        for (Map.Entry<String, List<ModelConfig>> version : byVersion.entrySet()) {
            List<Ready> ready = new ArrayList<>();
            try {
                Path liveFile = live.liveFile(version.getKey());
                Set<String> columns = new HashSet<>(ParquetFrameReader.columnNames(liveFile));
                for (ModelConfig config : version.getValue()) {
                    try {
                        ready.add(prepare(config, live, liveFile, columns));
                    } catch (NumeraiException e) {
                        fail(failures, config, e);
                    }
                }
                predictAll(ready, liveFile, writer, files, failures);
                ready.stream().filter(r -> !failures.containsKey(r.booster.config().name()))
                        .forEach(r -> used.put(r.booster.config().name(), r.used));
            } catch (NumeraiException e) {
                version.getValue().stream().filter(c -> !failures.containsKey(c.name()))
                        .forEach(config -> fail(failures, config, e));
            } finally {
                ready.forEach(r -> r.booster.close());
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

    private void predictAll(List<Ready> ready, Path liveFile, PredictionWriter writer,
            List<PredictionFile> files, Map<String, String> failures) throws NumeraiException {
        if (ready.isEmpty()) {
            return;
        }
        Set<String> union = new LinkedHashSet<>();
        ready.forEach(r -> union.addAll(r.features));
        long start = System.nanoTime();
        FeatureFrame frame = reader.read(liveFile, List.copyOf(union), List.of());
        LOG.info("Read {} live rows x {} features from {} in {} ms", frame.rowCount(), union.size(), liveFile,
                (System.nanoTime() - start) / 1_000_000);
        Map<String, Ready> byName = new HashMap<>();
        ready.forEach(r -> byName.put(r.booster.config().name(), r));
        List<ParallelModels.Outcome<PredictionFile>> outcomes = parallel.run(
                ready.stream().map(r -> r.booster.config()).toList(), config -> {
                    Ready r = byName.get(config.name());
                    long modelStart = System.nanoTime();
                    float[] outputs = r.booster.predict(r.features, frame);
                    PredictionFile file = writer.write(config.name(), frame.ids(),
                            transform.apply(config.name(), outputs));
                    LOG.info("Model {}: {} predictions ({}) checked and written to {} in {} ms", config.name(),
                            file.rows(), transform.id(), file.path(), (System.nanoTime() - modelStart) / 1_000_000);
                    return file;
                });
        for (ParallelModels.Outcome<PredictionFile> outcome : outcomes) {
            if (outcome.succeeded()) {
                files.add(outcome.value());
            } else {
                fail(failures, outcome.config(), outcome.failure());
            }
        }
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
}
