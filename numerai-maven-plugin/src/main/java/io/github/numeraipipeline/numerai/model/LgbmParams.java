package io.github.numeraipipeline.numerai.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A LightGBM config's params as LightGBM's C API takes them ({@code key=value key=value}), with what makes its
 * model file the same byte for byte on every run added where the config does not say otherwise:
 * {@code deterministic=true}, {@code force_row_wise=true} (the histogram layout no longer chosen by timing the
 * two), and a fixed {@code num_threads} (the split of the rows between threads changes float sums, so the model
 * depends on it; a default of "every core" would give another model on another machine). LightGBM's seeds are
 * fixed numbers by default; a config's {@code seed} derives them all.
 */
final class LgbmParams {
    /** Threads when the config does not set {@code num_threads}: fixed, never the machine's core count. */
    static final int DEFAULT_THREADS = 2;
    /** LightGBM's own default rows sampled to find the bins. */
    static final int DEFAULT_BIN_SAMPLE = 200_000;

    private LgbmParams() {
    }

    /** The params LightGBM is given, the config's own first, in their order. */
    static Map<String, Object> of(ModelConfig config) {
        Map<String, Object> params = new LinkedHashMap<>(config.params());
        params.putIfAbsent("deterministic", true);
        params.putIfAbsent("force_row_wise", true);
        params.putIfAbsent("num_threads", DEFAULT_THREADS);
        // warnings (such as an unknown parameter) and errors, not the info lines of every dataset and tree
        params.putIfAbsent("verbosity", 0);
        return params;
    }

    /** As LightGBM's C API parses them. */
    static String text(Map<String, Object> params) {
        return params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** {@code bin_construct_sample_cnt}, LightGBM's name for the rows its bins are found from. */
    static int binSample(ModelConfig config) {
        Object value = config.params().get("bin_construct_sample_cnt");
        if (value instanceof Number number) {
            return number.intValue();
        }
        return value == null ? DEFAULT_BIN_SAMPLE : Integer.parseInt(value.toString());
    }
}
