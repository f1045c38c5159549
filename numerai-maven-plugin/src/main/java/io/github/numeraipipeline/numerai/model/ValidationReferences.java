package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.data.FeatureFrame;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import io.github.numeraipipeline.numerai.scoring.ValidationMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a config's validation measures MMC and BMC against: the meta model ({@code numerai_meta_model} of
 * {@code meta_model.parquet}) and one benchmark model (a column of {@code validation_benchmark_models.parquet}),
 * each as a value per row of the validation frame, matched by id (NaN where the file has no value for the row).
 *
 * <p>The benchmark is the config's {@code "benchmarkModel"} when it names one, else Numerai's LightGBM benchmark
 * of the config's data version and target: {@code v52_lgbm_ender20} for v5.2 and {@code target_ender_20}
 * ({@code target} counts as {@code target_ender_20}, which it equals since v5.2).
 */
final class ValidationReferences {
    static final String META_MODEL_COLUMN = "numerai_meta_model";
    private static final String MAIN_TARGET_NAME = "ender20";

    private final ModelConfig config;
    private final Reference meta;
    private final Reference benchmark;

    private ValidationReferences(ModelConfig config, Reference meta, Reference benchmark) {
        this.config = config;
        this.meta = meta;
        this.benchmark = benchmark;
    }

    /**
     * Reads the reference files the config asks for (by id, once), to match them to validation rows block by block.
     *
     * @param metaModel  the version's {@code meta_model.parquet} in the cache, or null
     * @param benchmarks the version's {@code validation_benchmark_models.parquet} in the cache, or null
     * @param target     the target scored on (an ensemble's is {@code target})
     */
    static ValidationReferences load(ModelConfig config, String target, Path metaModel, Path benchmarks)
            throws NumeraiException {
        Reference meta = config.validates("mmc")
                ? Reference.read(require(config, metaModel, "mmc", "meta_model.parquet"), META_MODEL_COLUMN)
                : null;
        Reference benchmark = null;
        if (config.validates("bmc")) {
            Path file = require(config, benchmarks, "bmc", "validation_benchmark_models.parquet");
            benchmark = Reference.read(file, benchmarkColumn(config, target, file));
        }
        return new ValidationReferences(config, meta, benchmark);
    }

    /** The extras for a whole validation frame: {@link #load}, {@link #extrasFor}, {@link #requireMatches}. */
    static ValidationMetrics.Extras extras(ModelConfig config, FeatureFrame validation, String target,
            Path metaModel, Path benchmarks) throws NumeraiException {
        ValidationReferences references = load(config, target, metaModel, benchmarks);
        ValidationMetrics.Extras extras = references.extrasFor(validation);
        references.requireMatches();
        return extras;
    }

    /** What scoring these rows measures besides corr: the reference values of each row (NaN where none). */
    ValidationMetrics.Extras extrasFor(FeatureFrame rows) {
        return new ValidationMetrics.Extras(config.validates("fnc"), meta == null ? null : meta.perRow(rows),
                benchmark == null ? null : benchmark.perRow(rows));
    }

    /** After the last rows: a reference that matched none of them is the file of another version. */
    void requireMatches() throws ModelException {
        for (Reference reference : Arrays.asList(meta, benchmark)) {
            if (reference != null && reference.matched == 0) {
                throw new ModelException("Model " + config.name() + ": " + reference.file + " ("
                        + reference.column + ") has no value for any validation row of " + config.dataVersion()
                        + "; is it the file of another version?");
            }
        }
    }

    /** The benchmark column BMC is measured against; an error naming the columns there are when it is not there. */
    static String benchmarkColumn(ModelConfig config, String target, Path file) throws NumeraiException {
        List<String> columns = ParquetFrameReader.columnNames(file).stream()
                .filter(c -> !List.of(ParquetFrameReader.ID, ParquetFrameReader.ERA, ParquetFrameReader.DATA_TYPE)
                        .contains(c))
                .toList();
        String column = config.benchmarkModel() != null ? config.benchmarkModel()
                : defaultBenchmark(config.dataVersion(), target);
        if (!columns.contains(column)) {
            throw new ModelException("Model config " + config.source() + ": bmc is measured against the benchmark"
                    + " column \"" + column + "\"" + (config.benchmarkModel() == null ? " (of its data version and"
                    + " target)" : "") + ", which " + file + " does not have; set \"benchmarkModel\" to one of "
                    + columns);
        }
        return column;
    }

    /** {@code v5.2} and {@code target_cyrusd_20} give {@code v52_lgbm_cyrusd20}. */
    static String defaultBenchmark(String dataVersion, String target) {
        String name = target.equals("target") ? MAIN_TARGET_NAME
                : target.replaceFirst("^target_", "").replace("_", "");
        return dataVersion.replace(".", "").toLowerCase(Locale.ROOT) + "_lgbm_" + name;
    }

    private static Path require(ModelConfig config, Path file, String metric, String name) throws ModelException {
        if (file == null || !Files.isRegularFile(file)) {
            throw new ModelException("Model " + config.name() + " asks for " + metric + " (\"validationMetrics\" in "
                    + config.source() + ") but " + (file == null ? name : file) + " of " + config.dataVersion()
                    + " is not in the dataset cache; numerai:train downloads it for the configs that ask for " + metric
                    + ", or remove " + metric + " from the config");
        }
        return file;
    }

    /** One column of a reference file by id, and how many validation rows it has matched so far. */
    private static final class Reference {
        private final Path file;
        private final String column;
        private final Map<String, Float> byId;
        private long matched;

        private Reference(Path file, String column, Map<String, Float> byId) {
            this.file = file;
            this.column = column;
            this.byId = byId;
        }

        static Reference read(Path file, String column) throws NumeraiException {
            FeatureFrame reference = new ParquetFrameReader().read(file, List.of(), List.of(column));
            float[] values = reference.target(column);
            List<String> ids = reference.ids();
            Map<String, Float> byId = new HashMap<>(ids.size() * 2);
            for (int i = 0; i < ids.size(); i++) {
                byId.put(ids.get(i), values[i]);
            }
            return new Reference(file, column, byId);
        }

        /** The column's value for each row, by id; NaN where the file has none. */
        double[] perRow(FeatureFrame rows) {
            double[] perRow = new double[rows.rowCount()];
            List<String> ids = rows.ids();
            for (int row = 0; row < perRow.length; row++) {
                Float value = byId.get(ids.get(row));
                perRow[row] = value == null ? Double.NaN : value;
                matched += Double.isNaN(perRow[row]) ? 0 : 1;
            }
            return perRow;
        }
    }
}
