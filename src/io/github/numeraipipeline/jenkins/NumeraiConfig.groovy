package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

import java.time.Duration
import java.time.format.DateTimeParseException

/**
 * The configuration of {@code numeraiPipeline}: documented defaults, the user's keys merged over them, the checks,
 * and what one build does (its "plan"). Pure functions of maps, no pipeline steps: hence {@code @NonCPS}.
 */
class NumeraiConfig implements Serializable {

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
        modelGroups    : []
    ].asImmutable()

    /**
     * The dataset cache of the numerai goals in the runner image, relative to the workspace: the container's user is
     * the agent's, whose home does not exist in the image, and the workspace outlives the container.
     */
    static final String IMAGE_DATA_DIRECTORY = '.numerai-data'

    /** Minutes the overall build timeout adds to {@code maxWait}: training, download, predict and submit. */
    static final long TIMEOUT_MARGIN_MINUTES = 60

    private static final List<String> REQUIRED = ['cron', 'maxWait', 'pollInterval', 'outputDirectory']
    private static final List<String> BOOLEANS = ['dryRun', 'sandbox']
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
        REQUIRED.findAll { blank(config[it]) }.each { found << "'${it}' is required and must not be empty".toString() }
        if (!config.sandbox && blank(config.credentialsId)) {
            found << "'credentialsId' is required (a Username with password credential: public id / secret key)" +
                ' unless sandbox is true'
        }
        BOOLEANS.findAll { !(config[it] instanceof Boolean) }.each {
            found << "'${it}' must be true or false, not '${config[it]}'".toString()
        }
        DURATIONS.findAll { !blank(config[it]) && duration(config[it]) == null }.each {
            found << "'${it}' must be an ISO-8601 duration such as PT5H or PT10M, not '${config[it]}'".toString()
        }
        POSITIVE_INTEGERS.findAll { config[it] != null && !positiveInteger(config[it]) }.each {
            found << "'${it}' must be a positive whole number, not '${config[it]}'".toString()
        }
        if (!blank(config.image) && !(config.image.toString().trim() ==~ /\S+/)) {
            found << ("'image' must be one image reference such as registry.example/numerai-runner:0.1.0," +
                    " not '${config.image}'").toString()
        }
        if (!blank(config.cron)) {
            found.addAll(cronProblems(config.cron.toString()))
        }
        if (!blank(config.notify)) {
            found.addAll(Notification.mailProblems('notify', config.notify.toString()))
        }
        if (!blank(config.image) && !config.sandbox && MavenCommand.setsGlobalSettings(config.mavenArgs)) {
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
            String name = blank(group.name) ? "#${index + 1}" : group.name.toString().trim()
            (group.keySet() - GROUP_KEYS).each {
                found << "model group ${name}: unknown key '${it}' (known keys: ${GROUP_KEYS.join(', ')})".toString()
            }
            if (blank(group.name) || !(name ==~ /[A-Za-z0-9_.-]+/)) {
                found << ("model group ${name}: 'name' is required, letters, digits, '.', '_' or '-'" +
                        ' (it names the branch and the stash)').toString()
            } else if (name in names) {
                found << "model groups: the name '${name}' is used twice".toString()
            }
            names << name
            List<String> members = modelList(group.models)
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
        if ((groups as List<Map>).count { blank(it.agentLabel) } > 1) {
            found << ("model groups: at most one group may leave out 'agentLabel' (the groups without one would run" +
                    ' Maven at once in the pipeline\'s workspace)')
        }
        List<String> ungrouped = modelList(models) - groupOf.keySet()
        if (ungrouped) {
            found << "'models' names ${ungrouped.join(', ')}, which no model group has".toString()
        }
        found
    }

    /** A model list given as a list or a comma string, trimmed, without blanks. */
    @NonCPS
    static List<String> modelList(Object models) {
        if (models == null) {
            return []
        }
        List<Object> items = models instanceof Collection ? models as List : models.toString().split(',') as List
        items.collect { it == null ? '' : it.toString().trim() }.findAll { it } as List<String>
    }

    /** The user's keys over the defaults, with the timeout derived when not given; check {@link #problems} first. */
    @NonCPS
    static Map<String, Object> merge(Map user) {
        Map<String, Object> config = [:] + DEFAULTS + (user ?: [:])
        config.timeoutMinutes = config.timeoutMinutes == null
            ? (int) (duration(config.maxWait).toMinutes() + TIMEOUT_MARGIN_MINUTES)
            : config.timeoutMinutes.toString().toInteger()
        config
    }

    /**
     * What this build does ({@code mode}):
     * <ul>
     * <li>{@code 'verify'}: a build that neither the timer nor a person started (a push, branch indexing), when
     * {@code verifyGoals} is set; and every build of a branch other than {@code dailyBranch} in a multibranch job
     * (so that no feature branch or pull request submits);</li>
     * <li>{@code 'none'}: such a branch build without {@code verifyGoals};</li>
     * <li>{@code 'daily'}: every other build.</li>
     * </ul>
     * Only the daily branch gets the cron trigger. A timer build takes the configuration as it is; a manual build
     * takes the parameters (DRY_RUN, FORCE, MODELS, TRAIN), falling back to the configuration where a parameter is
     * not defined yet (the first build).
     */
    @NonCPS
    static Map<String, Object> plan(Map config, Map params, boolean timer, boolean manual, String branch) {
        boolean dailyBranch = blank(branch) || blank(config.dailyBranch) || branch == config.dailyBranch
        boolean verify = !blank(config.verifyGoals)
        String mode = 'daily'
        if (!dailyBranch) {
            mode = verify ? 'verify' : 'none'
        } else if (verify && !timer && !manual) {
            mode = 'verify'
        }
        Map values = timer ? [:] : (params ?: [:])
        String models = ((values.MODELS != null ? values.MODELS : config.models) ?: '').toString().trim()
        Map<String, Object> fanOut = groups(config.modelGroups as List<Map>, models)
        [
            mode     : mode,
            cron     : dailyBranch ? config.cron : '',
            dryRun   : (values.DRY_RUN != null ? values.DRY_RUN : config.dryRun) as boolean,
            force    : (values.FORCE ?: false) as boolean,
            models   : fanOut.models,
            train    : (values.TRAIN ?: false) as boolean,
            groups   : fanOut.groups,
            ungrouped: fanOut.ungrouped
        ]
    }

    /**
     * The model groups this build fans out to, narrowed to the chosen models (a group left with none is dropped),
     * as {@code [name:, models: [...], agentLabel:]}; with groups, {@code models} becomes every grouped model
     * chosen (what Watch and Submit ask for), and {@code ungrouped} the chosen models that no group has.
     */
    @NonCPS
    static Map<String, Object> groups(List<Map> modelGroups, String models) {
        if (!modelGroups) {
            return [groups: [], models: models, ungrouped: []]
        }
        List<String> chosen = modelList(models)
        List<Map> groups = modelGroups.collect { Map group ->
            [
                name      : group.name.toString().trim(),
                models    : modelList(group.models).findAll { !chosen || it in chosen },
                agentLabel: blank(group.agentLabel) ? '' : group.agentLabel.toString().trim()
            ]
        }.findAll { it.models }
        List<String> grouped = groups.collectMany { it.models as List<String> }
        [groups: groups, models: grouped.join(','), ungrouped: chosen - grouped]
    }

    /** The Maven step of one model group: the build's, for just the group's models, without keys. */
    @NonCPS
    static Map<String, Object> groupStep(Map config, Map plan, Map group, List<String> goals) {
        mavenStep(config, plan + [models: (group.models as List).join(',')], goals, false)
    }

    /** The stash of one model group's predictions. */
    @NonCPS
    static String stashName(Map group) {
        "predictions-${group.name}"
    }

    /** The stash includes of one model group: its models' {@code predictions_<name>.csv}. */
    @NonCPS
    static String predictionFiles(String outputDirectory, Map group) {
        String dir = outputDirectory.replaceAll('/+$', '')
        (group.models as List).collect { "${dir}/predictions_${it}.csv" }.join(',')
    }

    /** The description of a build that does nothing on this branch. */
    @NonCPS
    static String notDailyBranch(Map config, String branch) {
        "Branch ${branch}: the daily job runs on ${config.dailyBranch} only, and verifyGoals is not set"
    }

    /**
     * The {@code numeraiMaven} arguments for numerai goals in this build: the same {@code numerai.*} properties for
     * every goal (watch timing only for watch), the credential only where keys are needed, and the runner image when
     * one is configured.
     */
    @NonCPS
    static Map<String, Object> mavenStep(Map config, Map plan, List<String> goals, boolean needsKeys) {
        Map<String, Object> properties = ['numerai.outputDirectory': config.outputDirectory]
        if (plan.models) {
            properties['numerai.models'] = plan.models
        }
        if (goals.contains('watch')) {
            properties['numerai.maxWait'] = config.maxWait
            properties['numerai.pollInterval'] = config.pollInterval
        }
        ['dryRun', 'force'].findAll { plan[it] }.each { properties["numerai.${it}".toString()] = true }
        if (goals.contains('train') && goals.contains('predict')) {
            // Before predicting, train only the models that have no booster yet (a fresh workspace, a new config).
            properties['numerai.train.onlyMissing'] = true
        }
        if (config.sandbox) {
            properties['numerai.sandbox'] = true
        }
        boolean inImage = !blank(config.image)
        String data = blank(config.dataDirectory) ? (inImage ? IMAGE_DATA_DIRECTORY : '') : config.dataDirectory
        if (data) {
            properties['numerai.dataDirectory'] = data
        }
        [
            goals        : goals,
            properties   : properties,
            pluginVersion: config.pluginVersion,
            mavenArgs    : config.mavenArgs,
            credentialsId: (needsKeys && !config.sandbox) ? config.credentialsId : null,
            image        : inImage ? config.image.toString().trim() : null,
            imageArgs    : config.imageArgs
        ]
    }

    @NonCPS
    static Duration duration(Object text) {
        try {
            Duration parsed = Duration.parse(text.toString())
            parsed.negative || parsed.zero ? null : parsed
        } catch (DateTimeParseException ignored) {
            null
        }
    }

    @NonCPS
    static boolean blank(Object value) {
        value == null || value.toString().trim().empty
    }

    @NonCPS
    private static boolean positiveInteger(Object value) {
        value.toString() ==~ /0*[1-9]\d{0,8}/
    }
}
