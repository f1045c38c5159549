package io.github.numeraipipeline.numerai.model;

/** The XGBoost params of a config that matter before the booster exists. */
final class XgbParams {
    /** XGBoost's default {@code max_bin}. */
    static final int DEFAULT_MAX_BIN = 256;

    private XgbParams() {
    }

    /** The config's {@code max_bin}: a quantile matrix must be built with the booster's. */
    static int maxBin(ModelConfig config) {
        return intParam(config, "max_bin", DEFAULT_MAX_BIN);
    }

    /** The config's {@code nthread}, else every core. */
    static int threads(ModelConfig config) {
        return intParam(config, "nthread", Runtime.getRuntime().availableProcessors());
    }

    private static int intParam(ModelConfig config, String name, int fallback) {
        Object value = config.params().get(name);
        if (value instanceof Number number) {
            return number.intValue();
        }
        return value == null ? fallback : Integer.parseInt(value.toString());
    }
}
