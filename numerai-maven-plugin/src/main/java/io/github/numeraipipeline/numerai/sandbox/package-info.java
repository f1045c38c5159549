/**
 * An offline Numerai on a loopback port: rounds, signed dataset URLs, uploads and the faults tests inject.
 * Imports data, parquet, predictions, scoring and sandbox.data; must not import model or mojo.
 */
package io.github.numeraipipeline.numerai.sandbox;
