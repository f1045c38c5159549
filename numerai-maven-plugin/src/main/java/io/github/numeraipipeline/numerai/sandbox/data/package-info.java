/**
 * The sandbox's made-up datasets: synthetic rows with a learnable signal, written as Numerai-like Parquet.
 * Imports data, parquet and io; only the sandbox and tests use it.
 */
package io.github.numeraipipeline.numerai.sandbox.data;
