/**
 * The run record (run.json) and the HTML pages people read: the run report, each model's validation page and the scores desk.
 * Imports io, scoring, scores, submission and watch; must not import model or mojo.
 */
package io.github.numeraipipeline.numerai.report;
