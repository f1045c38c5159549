/**
 * numerai-tools' per-era math: numerai_corr (rank, gaussianize, power 1.5), feature neutralization (EJML least
 * squares), the rank ensemble and the per-era validation metrics. Imports only data; must not import model or report.
 */
package io.github.numeraipipeline.numerai.scoring;
