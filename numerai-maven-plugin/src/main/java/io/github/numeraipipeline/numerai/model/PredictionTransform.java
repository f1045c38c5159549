package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.scoring.NumeraiCorr;
import java.util.Locale;

/** How a model's raw outputs become the values uploaded, which Numerai wants within [0, 1]. */
public enum PredictionTransform {
    /** Tie-kept rank {@code (rank - 0.5) / n}, as numerai-tools ranks: Numerai scores ranks anyway. */
    RANK,
    /** The outputs as they are; any outside [0, 1] is an error, never clipped silently. */
    RAW;

    /** {@code rank} or {@code raw}, any case. */
    public static PredictionTransform parse(String value) throws ModelException {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ModelException("numerai.predict.transform is \"" + value + "\"; use rank (the default) or raw");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    double[] apply(String model, float[] outputs) throws ModelException {
        double[] values = new double[outputs.length];
        for (int i = 0; i < values.length; i++) {
            // Float.toString keeps the value as XGBoost gave it, without float-to-double noise digits
            values[i] = Double.parseDouble(Float.toString(outputs[i]));
            if (Double.isNaN(values[i])) {
                throw new ModelException("Model " + model + " predicts NaN for row " + (i + 1) + "; Numerai refuses"
                        + " NaN predictions. Check the booster and the live data.");
            }
        }
        if (this == RANK) {
            return NumeraiCorr.tieKeptRank(values);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new ModelException("Model " + model + " predicts " + values[i] + " for row " + (i + 1)
                        + ", outside [0, 1], and numerai.predict.transform=raw keeps outputs as they are; use rank"
                        + " (the default), or a model whose outputs stay within [0, 1].");
            }
        }
        return values;
    }
}
