/**
 * Model configs, training (XGBoost4J; the int8 paths through xgbnative), boosters and prediction.
 * Imports data, parquet, xgbnative, scoring, predictions, report and io; must not import submission, sandbox or mojo.
 */
package io.github.numeraipipeline.numerai.model;
