package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.parquet.ParquetFrameReader;
import java.nio.file.Path;
import java.util.List;

/** The config's target must be a column of the train file: any of them (v5.3 has dozens), none made up. */
final class TargetColumn {
    private TargetColumn() {
    }

    /** Fails naming the config, the key and the train file's target columns when it lacks the config's target. */
    static void require(ModelConfig config, Path trainFile) throws NumeraiException {
        List<String> columns = ParquetFrameReader.columnNames(trainFile);
        if (columns.contains(config.target())) {
            return;
        }
        List<String> targets = columns.stream().filter(column -> column.startsWith("target")).toList();
        throw new ModelException("Model config " + config.source() + ": \"target\" is \"" + config.target()
                + "\", but " + trainFile + " has no such column; its targets are " + String.join(", ", targets)
                + ". Set \"target\" to one of them.");
    }
}
