package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Owns: the keys of {@code numeraiPipeline}: their defaults, the checks of a user's map, the merged configuration.
 * Must not: decide what a build does with it ({@link BuildPlan}), or call pipeline steps.
 * <p>
 * The step checks first and stops with every problem at once, so a wrong key never reaches a stage or the cron
 * trigger. Pure functions of maps: hence {@code @NonCPS}.
 */
class NumeraiPipelineConfig implements Serializable {

    private static final long serialVersionUID = 1L

    /** Every key {@code numeraiPipeline} accepts, with its default (as numeraiPipeline.txt and docs/jenkins.md say). */
    static final Map<String, Object> DEFAULTS = [
        credentialsId  : 'numerai-api',
        cron           : 'TZ=UTC\nH(0-29) 11 * * 2-6',
        agentLabel     : '',
        models         : '',
        dryRun         : false,
        sandbox        : false,
        maxWait        : 'PT5H',
        pollInterval   : 'PT10M',
        timeoutMinutes : null,
        outputDirectory: 'target/numerai',
        pluginVersion  : null,
        mavenArgs      : '',
        prepareGoals   : '',
        verifyGoals    : '',
        dailyBranch    : 'main',
        junitResults   : '**/target/surefire-reports/*.xml',
        buildsToKeep   : 60,
        notify         : '',
        webhookCredentialsId: '',
        dataDirectory  : '',
        image          : '',
        imageArgs      : '',
        modelGroups    : [],
        scores         : true
    ].asImmutable()

    /** Minutes the overall build timeout adds to {@code maxWait}: training, download, predict and submit. */
    static final long TIMEOUT_MARGIN_MINUTES = 60

    private static final List<String> REQUIRED = ['cron', 'maxWait', 'pollInterval', 'outputDirectory']
    private static final List<String> BOOLEANS = ['dryRun', 'sandbox', 'scores']
    private static final List<String> DURATIONS = ['maxWait', 'pollInterval']
    private static final List<String> POSITIVE_INTEGERS = ['timeoutMinutes', 'buildsToKeep']
    private static final List<String> GROUP_KEYS = ['name', 'models', 'agentLabel']
    private static final String GROUP_EXAMPLE = "[name: 'gbm', models: ['xgba', 'xgbb'], agentLabel: 'big-memory']"

    /** The problems of a user configuration, one sentence each; empty when it is fine. */
    @NonCPS
    static List<String> problems(Map user) {
        Map config = [:] + DEFAULTS + (user ?: [:])
        List<String> found = []
        (user ?: [:]).keySet().findAll { !DEFAULTS.containsKey(it) }.each {
            found << "unknown key '${it}' (known keys: ${DEFAULTS.keySet().join(', ')})".toString()
        }
        REQUIRED.findAll { ConfigValues.blank(config[it]) }.each {
            found << "'${it}' is required and must not be empty".toString()
        }
        if (!config.sandbox && ConfigValues.blank(config.credentialsId)) {
            found << "'credentialsId' is required (a Username with password credential: public id / secret key)" +
                ' unless sandbox is true'
        }
        BOOLEANS.findAll { !(config[it] instanceof Boolean) }.each {
            found << "'${it}' must be true or false, not '${config[it]}'".toString()
        }
        DURATIONS.findAll { !ConfigValues.blank(config[it]) && ConfigValues.duration(config[it]) == null }.each {
            found << "'${it}' must be an ISO-8601 duration such as PT5H or PT10M, not '${config[it]}'".toString()
        }
        POSITIVE_INTEGERS.findAll { config[it] != null && !ConfigValues.positiveInteger(config[it]) }.each {
            found << "'${it}' must be a positive whole number, not '${config[it]}'".toString()
        }
        if (!ConfigValues.blank(config.image) && !(config.image.toString().trim() ==~ /\S+/)) {
            found << ("'image' must be one image reference such as registry.example/numerai-runner:0.1.0," +
                    " not '${config.image}'").toString()
        }
        if (!ConfigValues.blank(config.cron)) {
            found.addAll(cronProblems(config.cron.toString()))
        }
        if (!ConfigValues.blank(config.notify)) {
            found.addAll(Notification.mailProblems('notify', config.notify.toString()))
        }
        if (!ConfigValues.blank(config.image) && !config.sandbox && MavenCommand.setsGlobalSettings(config.mavenArgs)) {
            found << MavenCommand.GLOBAL_SETTINGS_TAKEN
        }
        found.addAll(groupProblems(config.modelGroups, config.models))
        found
    }

    /** A cron spec Jenkins would refuse: one problem naming the key, what is wrong and an example of the fix. */
    @NonCPS
    static List<String> cronProblems(String cron) {
        List<String> found = CronSpec.problems(cron)
        found ? [("'cron' is not a cron spec Jenkins accepts (it would fail every build before any stage): " +
                "${found.join('; ')}; e.g. '${DEFAULTS.cron.replace('\n', '\\n')}' (see Jenkins' help of" +
                ' "Build periodically")').toString()] : []
    }

    /**
     * The problems of {@code modelGroups}: a list of maps such as {@link #GROUP_EXAMPLE}, names unique (they name the
     * parallel branches and the stashes), models non-empty and each in one group only, at most one group without an
     * agent label (groups without one share the pipeline's workspace), and every model of {@code models} in a group.
     */
    @NonCPS
    static List<String> groupProblems(Object groups, Object models) {
        if (groups == null || (groups instanceof List && groups.empty)) {
            return []
        }
        if (!(groups instanceof List) || groups.any { !(it instanceof Map) }) {
            return ["'modelGroups' must be a list of maps such as ${GROUP_EXAMPLE}, not '${groups}'".toString()]
        }
        List<String> found = []
        Map<String, String> groupOf = [:]
        List<String> names = []
        (groups as List<Map>).eachWithIndex { Map group, int index ->
            String name = ConfigValues.blank(group.name) ? "#${index + 1}" : group.name.toString().trim()
            (group.keySet() - GROUP_KEYS).each {
                found << "model group ${name}: unknown key '${it}' (known keys: ${GROUP_KEYS.join(', ')})".toString()
            }
            if (ConfigValues.blank(group.name) || !(name ==~ /[A-Za-z0-9_.-]+/)) {
                found << ("model group ${name}: 'name' is required, letters, digits, '.', '_' or '-'" +
                        ' (it names the branch and the stash)').toString()
            } else if (name in names) {
                found << "model groups: the name '${name}' is used twice".toString()
            }
            names << name
            List<String> members = ConfigValues.modelList(group.models)
            if (members.empty) {
                found << "model group ${name}: 'models' must name at least one model".toString()
            }
            members.each { String model ->
                if (groupOf.containsKey(model)) {
                    found << "model ${model} is in two model groups: ${groupOf[model]} and ${name}".toString()
                } else {
                    groupOf[model] = name
                }
            }
        }
        if ((groups as List<Map>).count { ConfigValues.blank(it.agentLabel) } > 1) {
            found << ("model groups: at most one group may leave out 'agentLabel' (the groups without one would run" +
                    ' Maven at once in the pipeline\'s workspace)')
        }
        List<String> ungrouped = ConfigValues.modelList(models) - groupOf.keySet()
        if (ungrouped) {
            found << "'models' names ${ungrouped.join(', ')}, which no model group has".toString()
        }
        found
    }

    /** The user's keys over the defaults, with the timeout derived when not given; check {@link #problems} first. */
    @NonCPS
    static Map<String, Object> merge(Map user) {
        Map<String, Object> config = [:] + DEFAULTS + (user ?: [:])
        config.timeoutMinutes = config.timeoutMinutes == null
            ? (int) (ConfigValues.duration(config.maxWait).toMinutes() + TIMEOUT_MARGIN_MINUTES)
            : config.timeoutMinutes.toString().toInteger()
        config
    }
}
