package io.github.numeraipipeline.jenkins.harness

import groovy.json.JsonOutput

/**
 * Plays the numerai plugin behind {@code sh}: for each numerai goal in a Maven command line it writes what the
 * contract says that goal writes (round.json, predictions, run.json, report.html) into the fake workspace. Like the
 * plugin, watch and submit need the keys (outside the sandbox), found in its order: the environment
 * (NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY), else the {@code <server>} numerai.serverId (default {@code numerai}) of the
 * settings files on the command line ({@code -s} over {@code -gs}, read from disk); without them the call fails.
 */
class FakeNumeraiGoals {

    static final List<String> GOALS_WITH_KEYS = ['watch', 'submit', 'scores']

    String status = 'OPEN'
    Integer round = 1294
    List<String> models = ['xgba', 'xgbb']
    /** The round record watch writes when the round is not open; null = the record of a plugin without extras. */
    Map notOpenRecord
    /** The alerts scores records in scores.json, as the plugin writes them: [model:, kind:, message:]. */
    List<Map> scoreAlerts = []
    /** A goal whose Maven call fails (exit code 1). */
    String failOn
    /** When false, watch writes no round record (a plugin that breaks the contract). */
    boolean writesRoundRecord = true
    final List<String> goalsRun = []
    /** The keys each goal that needs them found: [goal:, source:, publicId:, secretKey:, fileMode:, dirMode:]. */
    final List<Map> keysFound = []
    private PipelineRunner jenkins

    void install(PipelineRunner jenkins) {
        this.jenkins = jenkins
        jenkins.onSh { String script, Map env ->
            List<String> goals = (script =~ /numerai-maven-plugin(?::[^:\s]+)?:(\w+)/).collect { it[1] as String }
            String out = option(script, /-Dnumerai\.outputDirectory=(\S+)/) ?: 'target/numerai'
            boolean dryRun = script.contains('-Dnumerai.dryRun=true')
            List<String> chosen = option(script, /-Dnumerai\.models=(\S+)/)?.split(',') as List ?: models
            goals.each { goal ->
                goalsRun << goal
                if (goal in GOALS_WITH_KEYS && !script.contains('-Dnumerai.sandbox=true')) {
                    keysFound << keys(script, env as Map<String, String>) + [goal: goal]
                }
                if (goal == failOn) {
                    throw new PipelineError('script returned exit code 1')
                }
                write(jenkins.activeWorkspace, out, goal, dryRun, chosen)
            }
            0
        }
    }

    private static String option(String script, String pattern) {
        (script =~ pattern).with { it.find() ? it.group(1).replaceAll(/^'|'$/, '') : null }
    }

    private Map keys(String script, Map<String, String> env) {
        String publicId = env.NUMERAI_PUBLIC_ID
        String secretKey = env.NUMERAI_SECRET_KEY
        if (publicId || secretKey) {
            if (!publicId || !secretKey) {
                fail('The environment has only half of NUMERAI_PUBLIC_ID / NUMERAI_SECRET_KEY')
            }
            return [source: 'environment', publicId: publicId, secretKey: secretKey]
        }
        String serverId = option(script, /-Dnumerai\.serverId=(\S+)/) ?: 'numerai'
        for (String flag in ['-s', '-gs']) {
            String path = option(script, /(?:^|\s)${flag}\s+('[^']*'|\S+)/)
            if (path == null) {
                continue
            }
            File file = new File(path).absolute ? new File(path) : new File(jenkins.activeDirectory, path)
            if (!file.file) {
                fail("The specified ${flag == '-gs' ? 'global ' : ''}settings file does not exist: ${path}")
            }
            def server = new XmlSlurper().parse(file).servers.server.find { it.id.text() == serverId }
            if (server) {
                return [source  : "settings ${flag}", publicId: server.username.text(), secretKey: server.password.text(),
                        fileMode: mode(file), dirMode: mode(file.parentFile)]
            }
        }
        fail("No Numerai API keys found. Either set the environment variables NUMERAI_PUBLIC_ID and" +
                " NUMERAI_SECRET_KEY, or add to ~/.m2/settings.xml a server <server><id>${serverId}</id>...")
    }

    private static String mode(File file) {
        java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(file.toPath()))
    }

    private void fail(String message) {
        jenkins.log << "[ERROR] ${message}".toString()
        throw new PipelineError('script returned exit code 1')
    }

    private void write(Map<String, String> workspace, String out, String goal, boolean dryRun, List<String> chosen) {
        switch (goal) {
            case 'watch':
                if (writesRoundRecord) {
                    workspace["${out}/round.json".toString()] = JsonOutput.toJson(status == 'OPEN'
                            ? [status: status, round: round, openTime: '2026-05-05T12:00:00Z',
                               closeStakingTime: '2026-05-05T13:00:00Z', checkedAt: '2026-05-05T12:02:11Z']
                            : (notOpenRecord ?: [status: status, round: null, checkedAt: '2026-05-05T16:30:00Z']))
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
            case 'scores':
                workspace["${out}/scores.json".toString()] = JsonOutput.toJson([updatedAt: '2026-05-05T12:30:00Z',
                        models: chosen.collectEntries { [(it): [entries: [], missedRounds: []]] }, alerts: scoreAlerts])
                workspace["${out}/desk.html".toString()] = '<html></html>'
                break
            default:
                break
        }
    }
}
