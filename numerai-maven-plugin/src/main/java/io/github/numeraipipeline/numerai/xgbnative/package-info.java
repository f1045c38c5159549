/**
 * The binding to XGBoost's C library (JNA): int8 batches into its quantile matrix, off-heap memory; the only code
 * that can crash the JVM. Imports data (the frame) only; must not import model or anything above it.
 */
package io.github.numeraipipeline.numerai.xgbnative;
