package io.github.numeraipipeline.jenkins

import io.github.numeraipipeline.jenkins.harness.PipelineError
import io.github.numeraipipeline.jenkins.harness.StepCall
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.params.ParameterizedTest
import org.junit.jupiter.params.provider.Arguments
import org.junit.jupiter.params.provider.MethodSource

import static org.junit.jupiter.api.Assertions.assertThrows

/** modelGroups: Train and Predict as parallel branches, one per group, on agents by label; one Submit gathers them. */
class FanOutTest extends LibraryTestSupport {

    static final List<Map> GROUPS = [
        [name: 'full', models: ['xgba', 'xgbb'], agentLabel: 'big-memory'],
        [name: 'small', models: 'lgbm, ridge']
    ]

    @BeforeEach
    void fourModels() {
        numerai.models = ['xgba', 'xgbb', 'lgbm', 'ridge']
    }

    private List<StepCall> predictCalls() {
        jenkins.called('sh').findAll { it.stage == 'Predict' }
    }

    @Test
    void 'Predict runs one parallel branch per group, each predicting just its models'() {
        timerBuild(modelGroups: GROUPS)

        assert jenkins.stagesThat('ran') == ['Daily', 'Watch', 'Predict', 'Submit', 'Scores']
        StepCall parallel = only('parallel')
        assert parallel.stage == 'Predict'
        assert (parallel.first as Map).keySet() as List == ['full', 'small']
        List<StepCall> predicts = predictCalls()
        assert predicts*.branch == ['full', 'small']
        assert predicts[0].script.contains('-Dnumerai.models=xgba,xgbb ')
        assert predicts[1].script.contains('-Dnumerai.models=lgbm,ridge ')
        assert predicts.every { it.script.contains('-Dnumerai.train.onlyMissing=true') && it.script.contains(':predict') }
        assert jenkins.currentBuild.currentResult == 'SUCCESS'
    }

    @Test
    void 'a group with an agent label runs on such a node after checking the job out there, the other in place'() {
        timerBuild(modelGroups: GROUPS)

        assert only('node').first == 'big-memory'
        StepCall checkout = only('checkout')
        assert checkout.node == 'big-memory' && checkout.branch == 'full'
        List<StepCall> predicts = predictCalls()
        assert predicts*.node == ['big-memory', '']: "'' is the pipeline's agent (any label)"
        assert predicts[0].script.startsWith('./mvnw '): 'the checked-out wrapper is in the node workspace'
        Map<String, String> nodeFiles = jenkins.nodeWorkspaces[0].files
        assert nodeFiles.keySet().containsAll(['target/numerai/predictions_xgba.csv', 'target/numerai/predictions_xgbb.csv'])
        assert !nodeFiles.containsKey('target/numerai/predictions_lgbm.csv')
    }

    @Test
    void 'no keys are bound in the branches, only for Watch and Submit'() {
        timerBuild(modelGroups: GROUPS)

        assert jenkins.called('withCredentials')*.stage == ['Watch', 'Submit', 'Scores']
        assert predictCalls().every { !it.env.containsKey('NUMERAI_SECRET_KEY') }
    }

    @Test
    void 'each branch stashes its predictions, Submit unstashes every group before the one submit'() {
        timerBuild(modelGroups: GROUPS, outputDirectory: 'out')

        List<StepCall> stashes = jenkins.called('stash')
        assert stashes*.named == [
            [name: 'predictions-full', includes: 'out/predictions_xgba.csv,out/predictions_xgbb.csv'],
            [name: 'predictions-small', includes: 'out/predictions_lgbm.csv,out/predictions_ridge.csv']
        ]
        assert stashes*.branch == ['full', 'small']
        assert jenkins.called('unstash')*.first == ['predictions-full', 'predictions-small']
        assert jenkins.called('unstash').every { it.stage == 'Submit' && it.node == '' }

        List<String> order = jenkins.calls*.name.findAll { it in ['stash', 'unstash', 'sh'] }
        assert order.lastIndexOf('stash') < order.indexOf('unstash')
        assert order.lastIndexOf('unstash') < order.lastIndexOf('sh')
        assert numerai.goalsRun.count('submit') == 1
    }

    @Test
    void 'the one submit uploads every group: the description and the archive cover all models'() {
        timerBuild(modelGroups: GROUPS)

        StepCall submit = jenkins.called('sh').find { it.stage == 'Submit' }
        assert submit.script.contains('-Dnumerai.models=xgba,xgbb,lgbm,ridge ')
        assert jenkins.currentBuild.description == 'Round 1294: xgba SUBMITTED sub-xgba, xgbb SUBMITTED sub-xgbb, ' +
            'lgbm SUBMITTED sub-lgbm, ridge SUBMITTED sub-ridge'
        ['xgba', 'xgbb', 'lgbm', 'ridge'].each {
            assert jenkins.workspace.containsKey("target/numerai/predictions_${it}.csv".toString())
        }
    }

    @Test
    void 'Watch asks for the grouped models too'() {
        timerBuild(modelGroups: GROUPS)

        assert jenkins.called('sh').find { it.stage == 'Watch' }.script.contains('-Dnumerai.models=xgba,xgbb,lgbm,ridge ')
    }

    @Test
    void 'a manual TRAIN fans out the same way, without stashes'() {
        manualBuild([modelGroups: GROUPS], [TRAIN: true])

        List<StepCall> trains = jenkins.called('sh').findAll { it.stage == 'Train' }
        assert trains*.branch == ['full', 'small']
        assert trains*.node == ['big-memory', '']
        assert trains.every { it.script.endsWith(':train') }
        assert !jenkins.called('stash').any { it.stage == 'Train' }
        assert jenkins.called('node')*.stage == ['Train', 'Predict']
    }

    @Test
    void 'MODELS narrows the groups, and a group left without models gets no branch'() {
        manualBuild([modelGroups: GROUPS], [MODELS: 'xgbb'])

        assert jenkins.called('parallel').find { it.stage == 'Predict' }.first.keySet() as List == ['full']
        assert predictCalls()*.script.every { it.contains('-Dnumerai.models=xgbb ') }
        assert jenkins.called('unstash')*.first == ['predictions-full']
        assert jenkins.currentBuild.description == 'Round 1294: xgbb SUBMITTED sub-xgbb'
    }

    @Test
    void 'MODELS naming a model that no group has stops the build before any stage'() {
        jenkins.currentBuild.causes << 'hudson.model.Cause$UserIdCause'
        jenkins.params.MODELS = 'xgba,catboost'

        PipelineError error = assertThrows(PipelineError) { jenkins.run('numeraiPipeline', [modelGroups: GROUPS]) }

        assert error.message == 'numeraiPipeline: MODELS names catboost, which no model group has'
        assert jenkins.stages.isEmpty() && !jenkins.called('sh')
    }

    @Test
    void 'a failing branch fails Predict after the other branches ran, and nothing is submitted'() {
        jenkins.onSh { String script, Map env ->
            if (script.contains('-Dnumerai.models=xgba,xgbb ') && script.contains(':predict')) {
                throw new PipelineError('script returned exit code 1')
            }
        }

        timerBuild(modelGroups: GROUPS)

        assert jenkins.currentBuild.result == 'FAILURE'
        assert jenkins.stages.Predict == 'failed'
        assert jenkins.stages.Submit == 'skipped (earlier failure)'
        assert predictCalls()*.branch == ['full', 'small']
        assert !numerai.goalsRun.contains('submit')
    }

    @Test
    void 'with the runner image each branch runs its Maven call in the image, on its node'() {
        timerBuild(modelGroups: GROUPS, image: 'registry.example/numerai-runner:0.1.0')

        List<StepCall> predicts = predictCalls()
        assert predicts*.image == ['registry.example/numerai-runner:0.1.0'] * 2
        assert predicts*.node == ['big-memory', '']
    }

    @Test
    void 'a group agent runs prepareGoals after the checkout and before its goals, as the pipeline agent does'() {
        timerBuild(modelGroups: GROUPS, prepareGoals: 'install -DskipTests -pl numerai-maven-plugin -am',
                pluginVersion: '0.1.0-SNAPSHOT')

        List<StepCall> onGroupAgent = jenkins.calls.findAll { it.node == 'big-memory' && it.name in ['checkout', 'sh'] }
        assert onGroupAgent*.name == ['checkout', 'sh', 'sh']
        assert onGroupAgent[1].script == './mvnw -B -ntp install -DskipTests -pl numerai-maven-plugin -am'
        assert onGroupAgent[2].script.contains('numerai-maven-plugin:0.1.0-SNAPSHOT:predict')
        List<StepCall> inPlace = mavenCalls().findAll { it.node == '' }
        assert inPlace*.stage == ['Prepare', 'Watch', 'Predict', 'Submit', 'Scores']: 'prepared once on the pipeline agent'
    }

    @Test
    void 'without prepareGoals a group agent only checks out'() {
        timerBuild(modelGroups: GROUPS)

        assert jenkins.calls.findAll { it.node == 'big-memory' && it.name in ['checkout', 'sh'] }*.name ==
            ['checkout', 'sh']
    }

    @Test
    void 'without modelGroups there is one Predict call and no parallel, stash or unstash'() {
        timerBuild()

        assert !jenkins.called('parallel') && !jenkins.called('stash') && !jenkins.called('unstash')
        assert predictCalls().size() == 1
    }

    static List<Arguments> wrongGroups() {
        [
            ['not a list', "'modelGroups' must be a list of maps such as [name: 'gbm'"],
            [['gbm'], "'modelGroups' must be a list of maps"],
            [[[models: ['xgba']]], "model group #1: 'name' is required"],
            [[[name: 'g b', models: ['xgba']]], "model group g b: 'name' is required, letters, digits"],
            [[[name: 'gbm', models: []]], "model group gbm: 'models' must name at least one model"],
            [[[name: 'gbm', models: ' , ']], "model group gbm: 'models' must name at least one model"],
            [[[name: 'gbm', models: ['xgba'], label: 'x']], "model group gbm: unknown key 'label'"],
            [[[name: 'gbm', models: ['xgba'], agentLabel: 'a'], [name: 'gbm', models: ['xgbb'], agentLabel: 'b']],
             "model groups: the name 'gbm' is used twice"],
            [[[name: 'a', models: ['xgba', 'xgbb'], agentLabel: 'x'], [name: 'b', models: 'xgbb', agentLabel: 'y']],
             'model xgbb is in two model groups: a and b'],
            [[[name: 'a', models: ['xgba']], [name: 'b', models: ['xgbb']]],
             "at most one group may leave out 'agentLabel'"]
        ].collect { Arguments.of(*it) }
    }

    @ParameterizedTest(name = '{0}')
    @MethodSource('wrongGroups')
    void 'a wrong modelGroups stops the build with an error naming the problem'(Object groups, String message) {
        PipelineError error = assertThrows(PipelineError) { timerBuild(modelGroups: groups) }

        assert error.message.contains(message)
        assert !jenkins.called('sh')
    }

    @Test
    void 'models naming a model outside every group is a configuration error'() {
        PipelineError error = assertThrows(PipelineError) { timerBuild(modelGroups: GROUPS, models: 'xgba,catboost') }

        assert error.message.contains("'models' names catboost, which no model group has")
    }
}
