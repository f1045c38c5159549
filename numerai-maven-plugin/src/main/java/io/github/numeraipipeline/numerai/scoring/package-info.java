/**
 * Numerai's metrics: numerai_corr (rank, gaussianize, power 1.5) and the per-era validation metrics.
 * Imports only data; must not import model or report.
 */
package io.github.numeraipipeline.numerai.scoring;
