package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Owns: what the goals' records say (round.json, run.json): their parsing, the build description, the archive pattern.
 * Must not: read a file itself (the step's {@code readFile} does), or decide what the build does next.
 * <p>
 * Reads what the plugin goals write: the round record of {@code numerai:watch} ({@code round.json}) and the run
 * record of {@code numerai:submit} ({@code run.json}), and says them in one line for the build description.
 */
class Records implements Serializable {

    private static final long serialVersionUID = 1L

    static final String ROUND_FILE = 'round.json'
    static final String RUN_FILE = 'run.json'
    static final String REPORT_FILE = 'report.html'
    static final String SCORES_FILE = 'scores.json'
    static final String DESK_FILE = 'desk.html'

    /** JSON text as plain (serializable) maps and lists. */
    @NonCPS
    static Map parse(String json) {
        Object parsed = new JsonSlurperClassic().parseText(json)
        if (!(parsed instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got: ${json.take(80)}")
        }
        parsed as Map
    }

    @NonCPS
    static boolean isOpen(Map round) {
        round?.status == 'OPEN' && round.round != null
    }

    @NonCPS
    static String openDescription(Map round, Map plan) {
        "Round ${round.round} open${plan.dryRun ? ' (dry run)' : ''}"
    }

    /**
     * Why nothing was predicted, from what {@code numerai:watch} recorded; every field but {@code status} may be
     * missing (older plugin versions write only {@code checkedAt}). E.g. {@code No round open: checked
     * 2026-12-02T11:00:04Z after waiting PT5H; last round 1297; next expected 2026-12-03T12:00:00Z}, or
     * {@code Round 1298: already submitted (xgba 3f2a-..., xgbb 9c1d-...)}.
     */
    @NonCPS
    static String notOpenDescription(Map round) {
        String status = round?.status ?: 'unknown'
        if (status == 'ALREADY_SUBMITTED') {
            return alreadySubmittedDescription(round)
        }
        String checked = round?.checkedAt ? "checked ${round.checkedAt}" : null
        String waited = round?.waited ? "waited ${round.waited}" : null
        List<String> clauses = [
            checked && waited ? "${checked} after waiting ${round.waited}" : (checked ?: waited),
            round?.round != null ? "last round ${round.round}" : null,
            round?.nextExpected ? "next expected ${round.nextExpected}" : null
        ].findAll { it != null }*.toString()
        String head = status == 'NO_ROUND' ? 'No round open' : "No round open (${status})"
        clauses ? "${head}: ${clauses.join('; ')}" : head
    }

    /** E.g. {@code Round 1294: xgba SUBMITTED 3f2a-..., xgbb SKIPPED}. */
    @NonCPS
    static String runDescription(Map run, Map plan) {
        List<String> models = ((run?.models ?: []) as List<Map>).collect { Map model ->
            [model.name, model.status, model.submissionId].findAll { it != null }.join(' ')
        }
        String dryRun = plan.dryRun ? ' (dry run)' : ''
        "Round ${run?.round}${dryRun}: ${models ? models.join(', ') : 'no models'}"
    }

    /** The archiveArtifacts pattern: predictions, round and run records, report, score history and desk page. */
    @NonCPS
    static String artifacts(String outputDirectory) {
        String dir = outputDirectory.replaceAll('/+$', '')
        ['predictions_*.csv', ROUND_FILE, RUN_FILE, REPORT_FILE, SCORES_FILE, DESK_FILE].collect { "${dir}/${it}" }
            .join(', ')
    }

    /** The alerts {@code numerai:scores} recorded in {@code scores.json}, as their messages; empty when none. */
    @NonCPS
    static List<String> scoreAlerts(Map scores) {
        ((scores?.alerts ?: []) as List).collect { Object alert ->
            alert instanceof Map ? (alert.message ?: "${alert.model}: ${alert.kind}").toString() : alert.toString()
        }
    }

    /** The build description with the alerts after it, e.g. {@code Round 1294: xgba SUBMITTED ...; alerts: ...}. */
    @NonCPS
    static String withAlerts(String description, List<String> alerts) {
        String head = description ?: 'Scores'
        alerts ? "${head}; alerts: ${alerts.join('; ')}".toString() : head
    }

    @NonCPS
    private static String alreadySubmittedDescription(Map round) {
        String head = round.round != null ? "Round ${round.round}: already submitted" : 'Already submitted'
        Map submissions = round.submissions instanceof Map ? round.submissions as Map : [:]
        List<String> models = submissions.collect { name, id -> id == null ? "${name}" : "${name} ${id}" }*.toString()
        models ? "${head} (${models.join(', ')})" : head
    }
}
