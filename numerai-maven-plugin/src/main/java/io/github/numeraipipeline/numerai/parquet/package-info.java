/**
 * Reading Numerai's Parquet files into data's FeatureFrame: schema checks, the int8 decoders, page codecs.
 * Imports only data; must not import model, sandbox or scoring.
 */
package io.github.numeraipipeline.numerai.parquet;
