package io.github.numeraipipeline.jenkins.harness

import groovy.json.JsonOutput

/**
 * Plays the numerai plugin behind {@code sh}: for each numerai goal in a Maven command line it writes what the
 * contract says that goal writes (round.json, predictions, run.json, report.html) into the fake workspace.
 */
class FakeNumeraiGoals {

    String status = 'OPEN'
    Integer round = 1294
    List<String> models = ['xgba', 'xgbb']
    /** A goal whose Maven call fails (exit code 1). */
    String failOn
    /** When false, watch writes no round record (a plugin that breaks the contract). */
    boolean writesRoundRecord = true
    final List<String> goalsRun = []

    void install(PipelineRunner jenkins) {
        jenkins.onSh { String script, Map env ->
            List<String> goals = (script =~ /numerai-maven-plugin(?::[^:\s]+)?:(\w+)/).collect { it[1] as String }
            String out = (script =~ /-Dnumerai\.outputDirectory=(\S+)/).with { it.find() ? it.group(1) : 'target/numerai' }
            boolean dryRun = script.contains('-Dnumerai.dryRun=true')
            List<String> chosen = (script =~ /-Dnumerai\.models=(\S+)/).with { it.find() ? it.group(1).split(',') as List : models }
            goals.each { goal ->
                goalsRun << goal
                if (goal == failOn) {
                    throw new PipelineError('script returned exit code 1')
                }
                write(jenkins.activeWorkspace, out, goal, dryRun, chosen)
            }
            0
        }
    }

    private void write(Map<String, String> workspace, String out, String goal, boolean dryRun, List<String> chosen) {
        switch (goal) {
            case 'watch':
                if (writesRoundRecord) {
                    workspace["${out}/round.json".toString()] = JsonOutput.toJson(status == 'OPEN'
                            ? [status: status, round: round, openTime: '2026-05-05T12:00:00Z',
                               closeStakingTime: '2026-05-05T13:00:00Z', checkedAt: '2026-05-05T12:02:11Z']
                            : [status: status, round: null, checkedAt: '2026-05-05T16:30:00Z'])
                }
                break
            case 'predict':
                chosen.each { workspace["${out}/predictions_${it}.csv".toString()] = 'id,prediction\n' }
                break
            case 'submit':
                // Uploads the predictions of the chosen models that it finds in the output directory.
                List<String> found = chosen.findAll { workspace.containsKey("${out}/predictions_${it}.csv".toString()) }
                workspace["${out}/run.json".toString()] = JsonOutput.toJson([round: round, models: found.collect {
                    dryRun ? [name: it, status: 'SKIPPED'] : [name: it, submissionId: "sub-${it}", status: 'SUBMITTED']
                }])
                workspace["${out}/report.html".toString()] = '<html></html>'
                break
            default:
                break
        }
    }
}
