/**
 * The run record (run.json) and the HTML pages people read: the run report and each model's validation page.
 * Imports io, scoring, submission and watch; must not import model or mojo.
 */
package io.github.numeraipipeline.numerai.report;
