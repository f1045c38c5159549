/**
 * An offline Numerai on a loopback port: rounds, signed dataset URLs, uploads, scores, diagnostics and the faults
 * tests inject. What it serves is {@code schema.graphql} beside these classes; {@link
 * io.github.numeraipipeline.numerai.sandbox.SandboxServer} takes the HTTP, {@code SandboxApi} hands each root field
 * to its handler ({@code RoundFields}, {@code AccountFields}, {@code SubmissionFields}, {@code ScoreFields},
 * {@code DiagnosticsFields}, {@code NotInSandbox}), and {@code SandboxTournament} keeps the state they share.
 * Imports data, parquet, predictions, scoring and sandbox.data; must not import model or mojo.
 */
package io.github.numeraipipeline.numerai.sandbox;
