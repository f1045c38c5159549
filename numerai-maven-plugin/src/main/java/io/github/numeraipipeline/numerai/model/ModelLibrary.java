package io.github.numeraipipeline.numerai.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The library that trains and runs a model: a config's {@code "library"} key. */
public enum ModelLibrary {
    /** XGBoost through XGBoost4J; boosters in XGBoost's JSON model format. */
    XGBOOST(".model.json"),
    /** LightGBM through lightgbm4j; models in LightGBM's own text format, as Python's lightgbm saves them. */
    LIGHTGBM(".model.txt");

    private final String boosterSuffix;

    ModelLibrary(String boosterSuffix) {
        this.boosterSuffix = boosterSuffix;
    }

    /** How the booster file of a model of this library ends: {@code <name>.model.json} or {@code <name>.model.txt}. */
    public String boosterSuffix() {
        return boosterSuffix;
    }

    /** As a config names it: {@code xgboost} or {@code lightgbm}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The library a config names, if it is one. */
    static Optional<ModelLibrary> of(String key) {
        return Arrays.stream(values()).filter(l -> l.key().equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return key();
    }
}
