/**
 * Prediction CSV files and numerai-tools' checks on them, shared by the goals that write and upload them.
 * Imports only io; must not import model or submission.
 */
package io.github.numeraipipeline.numerai.predictions;
