/**
 * What a goal needs to get data: download, the dataset cache, feature sets, the in-memory FeatureFrame.
 * Imports only api and io; must not import parquet (which reads into it), model or sandbox.
 */
package io.github.numeraipipeline.numerai.data;
