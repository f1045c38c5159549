import io.github.numeraipipeline.jenkins.BuildPlan
import io.github.numeraipipeline.jenkins.ConfigValues
import io.github.numeraipipeline.jenkins.NumeraiPipelineConfig
import io.github.numeraipipeline.jenkins.Records

/**
 * The daily Numerai job as one declarative pipeline: Train (on request) -> Watch -> Predict -> Submit -> Scores, woken
 * by cron before the round opens. A build with no open round still runs Scores, then ends NOT_BUILT; a score alert
 * makes it UNSTABLE. See numeraiPipeline.txt.
 */
void call(Map userConfig = [:]) {
    List<String> problems = NumeraiPipelineConfig.problems(userConfig)
    if (problems) {
        error("numeraiPipeline: ${problems.join('; ')} (see numeraiPipeline.txt)")
    }
    Map cfg = NumeraiPipelineConfig.merge(userConfig)
    boolean timer = !currentBuild.getBuildCauses('hudson.triggers.TimerTrigger$TimerTriggerCause').empty
    boolean manual = !currentBuild.getBuildCauses('hudson.model.Cause$UserIdCause').empty
    Map plan = BuildPlan.plan(cfg, params, timer, manual, env.BRANCH_NAME)
    if (plan.ungrouped) {
        error("numeraiPipeline: MODELS names ${plan.ungrouped.join(', ')}, which no model group has")
    }
    String out = cfg.outputDirectory
    Map state = [round: null]   // the round record: Watch fills it, the when of Predict and Submit reads it

    // agent none: the timeout below then covers waiting for an agent too (Declarative runs the options of the
    // pipeline inside its agent), and each stage that needs one names it; Daily's stages share its workspace.
    pipeline {
        agent none
        triggers { cron(plan.cron) }
        options {
            disableConcurrentBuilds()
            timeout(time: cfg.timeoutMinutes, unit: 'MINUTES')
            timestamps()
            buildDiscarder(logRotator(numToKeepStr: cfg.buildsToKeep.toString()))
        }
        parameters {
            booleanParam(name: 'DRY_RUN', defaultValue: cfg.dryRun,
                    description: 'Do everything but the upload (manual builds; timer builds use the configuration).')
            booleanParam(name: 'FORCE', defaultValue: false,
                    description: 'Submit even when the round already has a submission for the model.')
            string(name: 'MODELS', defaultValue: cfg.models,
                    description: 'Comma list of model names; empty = every config in the models directory.')
            booleanParam(name: 'TRAIN', defaultValue: false,
                    description: 'Train the models first (before waiting for the round).')
        }
        stages {
            stage('Verify') {
                when {
                    beforeAgent true
                    expression { plan.mode == 'verify' }
                }
                agent { label cfg.agentLabel }
                steps { numeraiMaven(goals: cfg.verifyGoals, mavenArgs: cfg.mavenArgs) }
                post { always { junit(testResults: cfg.junitResults, allowEmptyResults: true) } }
            }
            stage('Daily') {
                when {
                    beforeAgent true
                    expression { plan.mode == 'daily' }
                }
                agent { label cfg.agentLabel }
                stages {
                    stage('Prepare') {
                        when { expression { !ConfigValues.blank(cfg.prepareGoals) } }
                        steps { numeraiMaven(goals: cfg.prepareGoals, mavenArgs: cfg.mavenArgs) }
                    }
                    stage('Train') {
                        when { expression { plan.train } }
                        steps {
                            script {
                                if (plan.groups) {
                                    fanOut(cfg, plan, ['download', 'train'], false)
                                } else {
                                    numeraiMaven(BuildPlan.mavenStep(cfg, plan, ['download', 'train'], false))
                                }
                            }
                        }
                    }
                    stage('Watch') {
                        steps {
                            script {
                                numeraiMaven(BuildPlan.mavenStep(cfg, plan, ['watch'], true))
                                String roundFile = "${out}/${Records.ROUND_FILE}"
                                if (!fileExists(roundFile)) {
                                    error("numerai:watch wrote no round record at ${roundFile}")
                                }
                                state.round = Records.parse(readFile(file: roundFile))
                                if (Records.isOpen(state.round)) {
                                    currentBuild.description = Records.openDescription(state.round, plan)
                                } else {
                                    // NOT_BUILT comes after Scores (Daily's post): a result only gets worse, and
                                    // NOT_BUILT is worse than the UNSTABLE that a score alert makes.
                                    currentBuild.description = Records.notOpenDescription(state.round)
                                    echo(currentBuild.description)
                                }
                            }
                        }
                    }
                    stage('Predict') {
                        when { expression { Records.isOpen(state.round) } }
                        steps {
                            script {
                                if (plan.groups) {
                                    fanOut(cfg, plan, ['download', 'train', 'predict'], true)
                                } else {
                                    numeraiMaven(BuildPlan.mavenStep(cfg, plan,
                                            ['download', 'train', 'predict'], false))
                                }
                            }
                        }
                    }
                    stage('Submit') {
                        when { expression { Records.isOpen(state.round) } }
                        steps {
                            script {
                                for (Map group in plan.groups) {
                                    unstash(BuildPlan.stashName(group))
                                }
                                numeraiMaven(BuildPlan.mavenStep(cfg, plan, ['submit'], true))
                                String runFile = "${out}/${Records.RUN_FILE}"
                                if (fileExists(runFile)) {
                                    Map runRecord = Records.parse(readFile(file: runFile))
                                    currentBuild.description = Records.runDescription(runRecord, plan)
                                }
                            }
                        }
                    }
                    stage('Scores') {
                        // After Submit, and on a day without a round too: scores change daily.
                        when { expression { cfg.scores } }
                        steps {
                            script {
                                numeraiMaven(BuildPlan.mavenStep(cfg, plan, ['scores'], true))
                                String scoresFile = "${out}/${Records.SCORES_FILE}"
                                List<String> alerts = fileExists(scoresFile)
                                        ? Records.scoreAlerts(Records.parse(readFile(file: scoresFile))) : []
                                if (alerts) {
                                    currentBuild.description = Records.withAlerts(currentBuild.description, alerts)
                                    unstable("numerai:scores: ${alerts.join('; ')}")
                                }
                            }
                        }
                    }
                }
                post {
                    always {
                        script {
                            if (state.round != null && !Records.isOpen(state.round)
                                    && currentBuild.currentResult == 'SUCCESS') {
                                currentBuild.result = 'NOT_BUILT'
                            }
                        }
                        archiveArtifacts(artifacts: Records.artifacts(out), allowEmptyArchive: true,
                                fingerprint: true)
                    }
                }
            }
        }
        post {
            always {
                script {
                    if (plan.mode == 'none') {
                        currentBuild.result = 'NOT_BUILT'
                        currentBuild.description = BuildPlan.notDailyBranchDescription(cfg, env.BRANCH_NAME)
                    }
                }
            }
            failure {
                script { notifyDesk(cfg) }
            }
            unstable {
                script { notifyDesk(cfg) }
            }
            aborted {
                script { notifyDesk(cfg) }
            }
        }
    }
}

/** The failure notice, when one is configured; outside any agent (mail needs none, a webhook finds one). */
void notifyDesk(Map cfg) {
    if (!ConfigValues.blank(cfg.notify) || !ConfigValues.blank(cfg.webhookCredentialsId)) {
        numeraiNotify(to: cfg.notify, webhookCredentialsId: cfg.webhookCredentialsId, agentLabel: cfg.agentLabel)
    }
}

/**
 * Runs the goals for every model group at once, one parallel branch each: on an agent of the group's label (after
 * checking the job's SCM out there and running prepareGoals), or in this workspace; with {@code stashPredictions},
 * each branch stashes its models' predictions for the Submit stage.
 */
void fanOut(Map cfg, Map plan, List<String> goals, boolean stashPredictions) {
    Map<String, Closure> branches = [:]
    for (Map group in plan.groups) {
        branches[group.name as String] = groupBranch(cfg, plan, group, goals, stashPredictions)
    }
    parallel(branches)
}

Closure groupBranch(Map cfg, Map plan, Map group, List<String> goals, boolean stashPredictions) {
    Closure work = {
        numeraiMaven(BuildPlan.groupStep(cfg, plan, group, goals))
        if (stashPredictions) {
            stash(name: BuildPlan.stashName(group), includes: BuildPlan.predictionFiles(cfg.outputDirectory, group))
        }
    }
    // The group's agent prepares what the goals need there too (e.g. installs the plugin snapshot that pluginVersion
    // names), as the Prepare stage did on the pipeline's agent.
    Closure onAgent = {
        node(group.agentLabel) {
            checkout(scm)
            if (!ConfigValues.blank(cfg.prepareGoals)) {
                numeraiMaven(goals: cfg.prepareGoals, mavenArgs: cfg.mavenArgs)
            }
            work()
        }
    }
    group.agentLabel ? onAgent : work
}
