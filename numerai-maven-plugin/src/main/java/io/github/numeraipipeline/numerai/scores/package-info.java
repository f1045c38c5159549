/**
 * How the desk's models do: Numerai's scores per round, the history kept in scores.json, missed rounds, alerts.
 * Imports only api and io; must not import model, report, sandbox or mojo.
 */
package io.github.numeraipipeline.numerai.scores;
