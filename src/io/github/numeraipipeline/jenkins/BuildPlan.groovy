package io.github.numeraipipeline.jenkins

import com.cloudbees.groovy.cps.NonCPS

/**
 * Owns: what one build of {@code numeraiPipeline} does: mode, trigger, choices, groups, Maven step arguments, stashes.
 * Must not: check the user's map ({@link NumeraiPipelineConfig} did), or call pipeline steps.
 * <p>
 * Every function takes the merged configuration (and the plan), so the pipeline's stages only ask and never
 * compute. Pure functions of maps, returning plain maps, lists and strings that the CPS program may keep:
 * hence {@code @NonCPS}.
 */
class BuildPlan implements Serializable {

    private static final long serialVersionUID = 1L

    /**
     * The dataset cache of the numerai goals in the runner image, relative to the workspace: the container's user is
     * the agent's, whose home does not exist in the image, and the workspace outlives the container.
     */
    static final String IMAGE_DATA_DIRECTORY = '.numerai-data'

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
        boolean dailyBranch = ConfigValues.blank(branch) || ConfigValues.blank(config.dailyBranch) ||
                branch == config.dailyBranch
        boolean verify = !ConfigValues.blank(config.verifyGoals)
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
        List<String> chosen = ConfigValues.modelList(models)
        List<Map> groups = modelGroups.collect { Map group ->
            [
                name      : group.name.toString().trim(),
                models    : ConfigValues.modelList(group.models).findAll { !chosen || it in chosen },
                agentLabel: ConfigValues.blank(group.agentLabel) ? '' : group.agentLabel.toString().trim()
            ]
        }.findAll { it.models }
        List<String> grouped = groups.collectMany { it.models as List<String> }
        [groups: groups, models: grouped.join(','), ungrouped: chosen - grouped]
    }

    /** The description of a build that does nothing on this branch. */
    @NonCPS
    static String notDailyBranchDescription(Map config, String branch) {
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
        boolean inImage = !ConfigValues.blank(config.image)
        String data = ConfigValues.blank(config.dataDirectory)
            ? (inImage ? IMAGE_DATA_DIRECTORY : '') : config.dataDirectory
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
}
