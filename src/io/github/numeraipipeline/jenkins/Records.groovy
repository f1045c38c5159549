package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS
import groovy.json.JsonSlurperClassic

/**
 * Reads what the plugin goals write: the round record of {@code numerai:watch} ({@code round.json}) and the run
 * record of {@code numerai:submit} ({@code run.json}), and says them in one line for the build description.
 */
class Records implements Serializable {

    private static final long serialVersionUID = 1L

    static final String ROUND_FILE = 'round.json'
    static final String RUN_FILE = 'run.json'
    static final String REPORT_FILE = 'report.html'

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

    @NonCPS
    static String noRoundDescription(Map round) {
        String checked = round?.checkedAt ? ", checked ${round.checkedAt}" : ''
        "No open round (${round?.status ?: 'unknown'}${checked}): nothing predicted or submitted"
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

    /** The archiveArtifacts pattern: predictions, round and run records, report. */
    @NonCPS
    static String artifacts(String outputDirectory) {
        String dir = outputDirectory.replaceAll('/+$', '')
        ['predictions_*.csv', ROUND_FILE, RUN_FILE, REPORT_FILE].collect { "${dir}/${it}" }.join(', ')
    }
}
