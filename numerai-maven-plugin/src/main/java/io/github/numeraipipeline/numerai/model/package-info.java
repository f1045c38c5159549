/**
 * Model configs, training (XGBoost, its native int8 binding), boosters and prediction.
 * Imports data, parquet, scoring, predictions, report and io; must not import submission, sandbox or mojo.
 */
package io.github.numeraipipeline.numerai.model;
