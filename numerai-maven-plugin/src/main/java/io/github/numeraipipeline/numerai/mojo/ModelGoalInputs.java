package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.model.ModelConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What the model goals start from: the configs to run, the data versions they use (each once, in the configs'
 * order) and the live file {@code numerai.liveData} names instead of the round's (null when none).
 */
record ModelGoalInputs(List<ModelConfig> configs, List<String> dataVersions, Path liveDataOverride) {

    static ModelGoalInputs of(List<ModelConfig> configs, Path liveDataOverride) {
        return new ModelGoalInputs(List.copyOf(configs),
                configs.stream().map(ModelConfig::dataVersion).distinct().toList(), liveDataOverride);
    }

    /** The same inputs for fewer configs, such as those without a booster. */
    ModelGoalInputs only(List<ModelConfig> fewer) {
        return of(fewer, liveDataOverride);
    }

    boolean hasLiveDataOverride() {
        return liveDataOverride != null;
    }

    /** How a goal says that the given live file stands in for the round's. */
    String liveDataNote() {
        return "Live data from " + liveDataOverride + " (" + PropertyNames.LIVE_DATA + ")";
    }
}
