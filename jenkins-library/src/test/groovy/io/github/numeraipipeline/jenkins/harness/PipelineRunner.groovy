package io.github.numeraipipeline.jenkins.harness

import org.codehaus.groovy.control.CompilerConfiguration

import java.nio.file.Files

/**
 * A recorded pipeline context: loads {@code vars/*.groovy} from the library root, runs them, records every step call,
 * and runs one declarative {@code pipeline { }} the way Pipeline: Declarative's ModelInterpreter does:
 * <ul>
 * <li>the pipeline's {@code agent} is allocated first and its {@code options} (the timeout) run inside it, so only
 * with {@code agent none} does the timeout cover waiting for an agent; a wait that no timeout covers is reported as
 * the endless queue wait it would be;</li>
 * <li>a stage's {@code when} runs after its {@code agent} is allocated unless {@code beforeAgent true}; a stage with
 * nested {@code stages} runs them in its agent's workspace, then its {@code post};</li>
 * <li>an error fails the build and skips the stages after it, an interruption ({@link FlowInterrupted}) aborts it;
 * {@code post} conditions follow the build result, and run outside any agent under {@code agent none}.</li>
 * </ul>
 * Steps that need a workspace ({@code sh}, {@code writeFile}, ...) fail outside a node, as in Jenkins. Workspaces are
 * maps of files by relative path; each also has a real directory on disk with its {@code @tmp} sibling
 * ({@code pwd(tmp: true)}), where library scripts that run for real ({@link RealShell}) write.
 */
class PipelineRunner {

    static final List<String> POST_CONDITIONS = ['always', 'changed', 'fixed', 'regression', 'aborted', 'failure',
                                                 'success', 'unstable', 'unsuccessful', 'notBuilt', 'cleanup']
    static final List<String> SECTIONS = ['triggers', 'options', 'parameters']
    static final List<String> RECORDED_ONLY = ['cron', 'disableConcurrentBuilds', 'timestamps', 'buildDiscarder',
                                               'mail']
    static final List<String> RECORDED_ON_NODE = ['archiveArtifacts', 'junit']
    static final List<String> VALUES = ['logRotator', 'booleanParam', 'string', 'usernamePassword']
    /** Steps that need a workspace: outside {@code node} (or a declarative agent) Jenkins refuses them. */
    static final List<String> NODE_STEPS = ['sh', 'writeFile', 'readFile', 'fileExists', 'archiveArtifacts', 'junit',
                                            'stash', 'unstash', 'checkout', 'pwd', 'dir', 'deleteDir', 'dockerInside']
    static final String NONE = 'agent none'

    final File root = new File(System.getProperty('library.root', '..')).canonicalFile
    /** A real directory for this run: the agents' workspaces and their {@code @tmp} directories live under it. */
    final File disk = Files.createTempDirectory('numerai-harness').toFile()
    final Map<String, String> env = [JOB_NAME: 'numerai-daily', BUILD_NUMBER: '7',
                                     BUILD_URL: 'https://jenkins.example/job/numerai-daily/7/']
    final Map<String, Object> params = [:]
    final FakeBuild currentBuild = new FakeBuild()
    /** Workspace files by relative path: the workspace of the pipeline's agent (every declarative agent). */
    final Map<String, String> workspace = [:]
    /** The job's SCM: what {@code checkout(scm)} puts into a workspace. */
    final Map<String, String> repository = [:]
    /** The workspace of every {@code node(label)} block, in the order they ran, as [label:, files:]. */
    final List<Map> nodeWorkspaces = []
    /** What {@code stash} saved, by stash name: path -> text. */
    final Map<String, Map<String, String>> stashes = [:]
    /** Credentials store: id -> [username:, password:] (Username with password) or [secret:] (Secret text). */
    final Map<String, Map<String, String>> credentials = [:]
    /** Labels with an agent online; null = every label. An empty set: no agent at all. */
    Set<String> agentsOnline = null
    final List<StepCall> calls = []
    final List<String> log = []
    /** The warnings {@code unstable(message)} put on a stage, as [stage:, message:]. */
    final List<Map<String, String>> warnings = []
    /** Stage name -> 'ran', 'failed', 'aborted', 'skipped (when)' or 'skipped (earlier failure)', in order. */
    final Map<String, String> stages = [:]
    /** Every command line a step started on an agent: Maven's (the sh scripts), docker run and docker exec. */
    final List<List<String>> commandLines = []
    /** Every agent allocation in order, as [stage:, label:]: declarative agents, node blocks. */
    final List<Map<String, String>> allocations = []
    /** The containers {@code inside} started: [image:, env:] where env is their config (docker inspect). */
    final List<Map> containers = []

    private final List<Closure> shellHandlers = []
    private final Map<String, Closure> steps = [:]
    private final Map<String, Script> vars = [:]
    private final Deque<String> sectionStack = new ArrayDeque<>()
    private final Deque<Map> nodeStack = new ArrayDeque<>()
    private Binding binding
    private Declarative declarative
    private String currentStage
    private Map currentContainer
    private String currentBranch
    private int timeouts

    PipelineRunner() {
        registerSteps()
    }

    /** Runs a var, as {@code name(config)} in a Jenkinsfile, outside any node. */
    Object run(String name, Map config = [:]) {
        invokeStep(name, [config] as Object[])
    }

    /** Runs a var inside {@code node { }} on the pipeline's workspace, as a scripted pipeline would. */
    Object runOnAgent(String name, Map config = [:]) {
        onNode('', workspace, 'agent') { run(name, config) }
    }

    /** Adds an sh handler: called with (script, env) for every sh; may write files or throw {@link PipelineError}. */
    void onSh(Closure handler) {
        shellHandlers << handler
    }

    /** Replaces a step's behaviour. */
    void step(String name, Closure implementation) {
        steps[name] = implementation
    }

    /** The workspace the steps touch now: the innermost node's, or null outside any node. */
    Map<String, String> getActiveWorkspace() {
        nodeStack ? nodeStack.peek().files as Map<String, String> : null
    }

    /** The real directory of the innermost node's workspace. */
    File getActiveDirectory() {
        nodeStack ? nodeStack.peek().directory as File : null
    }

    List<StepCall> called(String name) {
        calls.findAll { it.name == name }
    }

    List<String> getShellScripts() {
        called('sh')*.script
    }

    List<String> stagesThat(String status) {
        stages.findAll { it.value == status }*.key
    }

    /** Every secret value of the credentials store. */
    List<String> getSecrets() {
        credentials.values().collectMany { it.values() as List<String> }
    }

    /** Runs the repository's Jenkinsfile (its @Library line stands for the library this runner loads). */
    Object runJenkinsfile() {
        runScript(new File(root, 'Jenkinsfile').text, 'Jenkinsfile')
    }

    /** Runs a pipeline script, such as an example of the docs (an @Library line stands for this library). */
    Object runScript(String text, String name) {
        String body = text.replaceFirst(/@Library\([^)]*\)\s*_/, '')
        script(new GroovyShell(getClass().classLoader, binding(), compiler()).parse(body, name)).run()
    }

    Object invokeStep(String name, Object[] args) {
        File var = new File(root, "vars/${name}.groovy")
        if (var.file) {
            calls << record(name, args)
            return loadVar(name).invokeMethod('call', args)
        }
        Closure implementation = steps[name]
        if (implementation == null) {
            throw new MissingMethodException(name, PipelineScript, args)
        }
        calls << record(name, args)
        if (name in NODE_STEPS && !nodeStack) {
            throw new PipelineError("Required context class hudson.FilePath is missing: ${name} runs only in a" +
                    " node (declarative: 'agent none' was specified and no node block surrounds the step)")
        }
        implementation.call(*args)
    }

    Script loadVar(String name) {
        if (!vars[name]) {
            GroovyShell shell = new GroovyShell(getClass().classLoader, binding(), compiler())
            vars[name] = script(shell.parse(new File(root, "vars/${name}.groovy")))
        }
        vars[name]
    }

    private Binding binding() {
        if (binding == null) {
            binding = new Binding(env: env, params: params, currentBuild: currentBuild, docker: new FakeDocker(this),
                    scm: [step: 'scm'], none: NONE)
        }
        binding
    }

    private static CompilerConfiguration compiler() {
        new CompilerConfiguration(scriptBaseClass: PipelineScript.name)
    }

    private Script script(Script parsed) {
        (parsed as PipelineScript).attach(this)
        parsed
    }

    private StepCall record(String name, Object[] args) {
        new StepCall(name, args.toList(), currentStage, sectionStack.peek(), new LinkedHashMap<>(env),
                currentContainer?.image as String, nodeStack ? nodeStack.peek().label as String : null, currentBranch)
    }

    private void registerSteps() {
        RECORDED_ONLY.each { step(it) { Object... args -> null } }
        RECORDED_ON_NODE.each { step(it) { Object... args -> null } }
        VALUES.each { String name -> step(name) { Map args -> [step: name] + args } }
        SECTIONS.each { String name -> step(name) { Closure body -> section(name, body) } }

        step('pipeline') { Closure body -> runDeclarative(body) }
        step('agent') { Object body -> defineAgent(body) }
        step('label') { String label -> defineLabel(label) }
        step('stages') { Closure body -> defineStages(body) }
        step('stage') { String name, Closure body -> defineStage(name, body) }
        step('when') { Closure body -> defineWhen(body) }
        step('beforeAgent') { boolean value -> whenDefinition().beforeAgent = value }
        step('expression') { Closure condition -> whenDefinition().conditions << condition }
        step('steps') { Closure body -> defining().steps = body }
        step('post') { Closure body -> definePost(body) }
        POST_CONDITIONS.each { String condition -> step(condition) { Closure body -> postCondition(condition, body) } }
        // unstable is also a step (workflow-basic-steps' UnstableStep): a warning on the stage, the build UNSTABLE (a
        // result only gets worse), "WARNING: <message>" in the log.
        step('unstable') { Object arg ->
            if (arg instanceof Closure) {
                postCondition('unstable', arg)
                return
            }
            String message = (arg instanceof Map ? arg.message : arg)?.toString()?.trim() ?: 'Setting build result to unstable'
            warnings << [stage: currentStage, message: message]
            currentBuild.result = 'UNSTABLE'
            log << "WARNING: ${message}".toString()
        }
        step('timeout') { Map args, Closure body = null -> timeout(args, body) }

        step('script') { Closure body -> body() }
        step('echo') { Object message -> log << message.toString() }
        step('error') { Object message -> throw new PipelineError(message.toString()) }
        step('sh') { Object args -> shell(args instanceof Map ? args.script : args) }
        step('fileExists') { Object path -> activeWorkspace.containsKey(path.toString()) }
        step('readFile') { Object args -> readFile(args instanceof Map ? args.file : args) }
        step('writeFile') { Map args -> activeWorkspace[args.file.toString()] = args.text.toString() }
        step('pwd') { Map args = [:] -> pwd(args.tmp as boolean) }
        step('dir') { String path, Closure body -> inDirectory(path, body) }
        step('deleteDir') { -> deleteDir() }
        step('libraryResource') { Object path -> resource(path.toString()) }
        step('withCredentials') { List bindings, Closure body -> withCredentials(bindings, body) }
        step('dockerInside') { String image, String args, Closure body -> inside(image, args, body) }
        step('parallel') { Map<String, Closure> branches -> parallel(branches) }
        step('node') { String label, Closure body -> node(label, body) }
        step('checkout') { Object scm -> activeWorkspace.putAll(repository) }
        step('stash') { Map args -> stash(args.name as String, args.includes as String) }
        step('unstash') { Object name -> unstash(name instanceof Map ? name.name as String : name as String) }
        step('withEnv') { List<String> pairs, Closure body -> withEnv(pairs.collectEntries { it.split('=', 2) as List }, body) }
    }

    private Object section(String name, Closure body) {
        sectionStack.push(name)
        try {
            body()
        } finally {
            sectionStack.pop()
        }
    }

    private Object shell(Object script) {
        Map<String, String> launchEnv = new LinkedHashMap<>(env)
        commandLines << (currentContainer
            ? FakeDocker.execCommand(currentContainer.id as String, launchEnv, script.toString())
            : [script.toString()])
        Object result = 0
        shellHandlers.each { handler -> result = handler.call(script.toString(), launchEnv) ?: result }
        result
    }

    private String readFile(Object path) {
        String text = activeWorkspace[path.toString()]
        if (text == null) {
            throw new PipelineError("readFile: no such file: ${path}")
        }
        text
    }

    private String resource(String path) {
        File file = new File(root, "resources/${path}")
        if (!file.file) {
            throw new PipelineError("No such library resource ${path} could be found.")
        }
        file.text
    }

    // --- workspaces on disk ----------------------------------------------------------------------------------------

    private String pwd(boolean tmp) {
        File directory = activeDirectory
        String inDir = nodeStack.peek().dir
        if (inDir) {
            return tmp ? "${inDir}@tmp" : inDir
        }
        if (tmp) {
            File tmpDirectory = new File(directory.parentFile, "${directory.name}@tmp")
            tmpDirectory.mkdirs()
            return tmpDirectory.path
        }
        directory.path
    }

    /** Only absolute directories on this run's disk, which is what the library uses {@code dir} for. */
    private Object inDirectory(String path, Closure body) {
        File directory = new File(path)
        if (!directory.absolute || !directory.canonicalPath.startsWith(disk.canonicalPath + File.separator)) {
            throw new IllegalStateException("dir(${path}): the harness models absolute directories on its disk only")
        }
        Map context = nodeStack.peek()
        String saved = context.dir
        context.dir = directory.path
        try {
            body()
        } finally {
            context.dir = saved
        }
    }

    private void deleteDir() {
        String directory = nodeStack.peek().dir
        if (directory == null) {
            throw new IllegalStateException('deleteDir() of a whole workspace is not modelled')
        }
        new File(directory).deleteDir()
    }

    // --- credentials, containers, nodes ----------------------------------------------------------------------------

    private Object withCredentials(List bindings, Closure body) {
        Map<String, String> bound = [:]
        bindings.each { Map binding ->
            String id = binding.credentialsId
            Map<String, String> credential = credentials[id]
            if (credential == null) {
                throw new PipelineError("Could not find credentials entry with ID '${id}'")
            }
            if (binding.step == 'string') {
                requireKind(id, credential, 'secret', 'Secret text')
                bound[binding.variable as String] = credential.secret
            } else {
                requireKind(id, credential, 'password', 'Username with password')
                bound[binding.usernameVariable as String] = credential.username
                bound[binding.passwordVariable as String] = credential.password
            }
        }
        withEnv(bound, body)
    }

    private static void requireKind(String id, Map<String, String> credential, String field, String kind) {
        if (!credential.containsKey(field)) {
            throw new PipelineError("Credentials '${id}' is of another type where '${kind}' was expected")
        }
    }

    private Object inside(String image, String args, Closure body) {
        if (currentContainer != null) {
            throw new IllegalStateException("docker inside ${image} within ${currentContainer.image}")
        }
        String workspacePath = pwd(false)
        Map<String, String> runEnv = new LinkedHashMap<>(env)
        Map container = [id: "container-${containers.size() + 1}".toString(), image: image, env: runEnv]
        containers << container
        commandLines << FakeDocker.runCommand(image, args, workspacePath, pwd(true), runEnv)
        currentContainer = container
        try {
            body()
        } finally {
            currentContainer = null
        }
    }

    /** Runs every branch (one after another here), then fails with the first branch's error, as Jenkins does. */
    private void parallel(Map<String, Closure> branches) {
        if (currentBranch != null) {
            throw new IllegalStateException("parallel within the branch ${currentBranch}")
        }
        Exception first = null
        branches.each { String name, Closure body ->
            currentBranch = name
            try {
                body()
            } catch (PipelineError | FlowInterrupted e) {
                first = first ?: e
            } finally {
                currentBranch = null
            }
        }
        if (first != null) {
            throw first
        }
    }

    /** A fresh workspace on an agent of the label, for the body only. */
    private Object node(String label, Closure body) {
        Map<String, String> files = [:]
        nodeWorkspaces << [label: label, files: files]
        onNode(label, files, "node-${nodeWorkspaces.size()}") { body() }
    }

    /**
     * The body on an agent of the label, once one is online: with none, a timeout around this wait ends it (the
     * build is aborted); without such a timeout, the build would wait in the queue for ever, which is a defect.
     */
    private Object onNode(String label, Map<String, String> files, String name, Closure body) {
        if (!online(label)) {
            if (timeouts == 0) {
                throw new IllegalStateException("The build would wait in the queue for ever for an agent labelled" +
                        " '${label}': no timeout covers the wait")
            }
            log << "Still waiting to schedule task: no agent labelled '${label}' is online".toString()
            throw new FlowInterrupted('Timeout has been exceeded')
        }
        allocations << [stage: currentStage, label: label]
        File directory = new File(disk, name)
        directory.mkdirs()
        nodeStack.push([label: label, files: files, directory: directory, dir: null])
        try {
            withEnv([NODE_NAME: "agent-${label ?: 'any'}".toString(), WORKSPACE: directory.path], body)
        } finally {
            nodeStack.pop()
        }
    }

    private boolean online(String label) {
        agentsOnline == null || (label ? label in agentsOnline : !agentsOnline.empty)
    }

    private Object timeout(Map args, Closure body) {
        if (body == null) {
            defineTimeout(args)
            return null
        }
        timeouts++
        try {
            body()
        } finally {
            timeouts--
        }
    }

    /** Comma-separated Ant patterns ({@code *}, {@code **}); no matching file is an error, as in Jenkins. */
    private void stash(String name, String includes) {
        List<String> patterns = includes.split(',')*.trim()
        Map<String, String> files = activeWorkspace.findAll { String path, String text ->
            patterns.any { path ==~ antRegex(it) }
        }
        if (files.isEmpty()) {
            throw new PipelineError("No files included in stash '${name}'")
        }
        stashes[name] = new LinkedHashMap<>(files)
    }

    private void unstash(String name) {
        Map<String, String> files = stashes[name]
        if (files == null) {
            throw new PipelineError("No such saved stash '${name}'")
        }
        activeWorkspace.putAll(files)
    }

    private static String antRegex(String pattern) {
        pattern.split(/\*\*/, -1).collect { it.split(/\*/, -1).collect { java.util.regex.Pattern.quote(it) }.join('[^/]*') }
            .join('.*')
    }

    private Object withEnv(Map<String, String> values, Closure body) {
        Map<String, String> saved = new LinkedHashMap<>(env)
        env.putAll(values)
        try {
            body()
        } finally {
            env.clear()
            env.putAll(saved)
        }
    }

    // --- declarative: definition -----------------------------------------------------------------------------------

    private Object defineAgent(Object body) {
        Map agent = [:]
        if (body == NONE) {
            agent.none = true
        } else {
            declarative.agentDefinition = agent
            try {
                section('agent', body as Closure)
            } finally {
                declarative.agentDefinition = null
            }
        }
        if (declarative.defining.empty) {
            declarative.agent = agent
        } else {
            defining().agent = agent
        }
        null
    }

    private void defineLabel(String label) {
        if (declarative?.agentDefinition == null) {
            throw new IllegalStateException("label '${label}' outside agent { }")
        }
        declarative.agentDefinition.label = label
    }

    private void defineTimeout(Map args) {
        if (sectionStack.peek() != 'options') {
            throw new IllegalStateException('timeout without a body outside options { }')
        }
        if (declarative.defining.empty) {
            declarative.timeout = args
        } else {
            defining().timeout = args
        }
    }

    private void defineStages(Closure body) {
        if (declarative.defining.empty) {
            body()
            return
        }
        Stage parent = defining()
        parent.stages = []
        List<Stage> saved = declarative.nestedTarget
        declarative.nestedTarget = parent.stages
        try {
            body()
        } finally {
            declarative.nestedTarget = saved
        }
    }

    private void defineStage(String name, Closure body) {
        if (declarative == null) {
            throw new IllegalStateException("stage('${name}') outside pipeline { }")
        }
        if (!declarative.defining.empty && declarative.nestedTarget == null) {
            throw new IllegalStateException("stage('${name}') directly in a stage: nested stages go in stages { }")
        }
        Stage stage = new Stage(name: name)
        (declarative.nestedTarget != null ? declarative.nestedTarget : declarative.stages) << stage
        List<Stage> saved = declarative.nestedTarget
        declarative.nestedTarget = null
        declarative.defining.push(stage)
        try {
            body()
        } finally {
            declarative.defining.pop()
            declarative.nestedTarget = saved
        }
    }

    /** The {@code when} block is run once here to collect its conditions, which run when the stage is reached. */
    private void defineWhen(Closure body) {
        Stage stage = defining()
        declarative.whenTarget = stage
        try {
            body()
        } finally {
            declarative.whenTarget = null
        }
    }

    private Stage whenDefinition() {
        if (declarative?.whenTarget == null) {
            throw new IllegalStateException('a when condition outside when { }')
        }
        declarative.whenTarget
    }

    private Stage defining() {
        if (declarative == null || declarative.defining.empty) {
            throw new IllegalStateException('a stage directive outside a stage')
        }
        declarative.defining.peek()
    }

    private void definePost(Closure body) {
        declarative.postTarget = declarative.defining.empty ? declarative.post : defining().post
        body()
        declarative.postTarget = null
    }

    private void postCondition(String condition, Closure body) {
        if (declarative?.postTarget == null) {
            throw new IllegalStateException("${condition} { } outside post { }")
        }
        declarative.postTarget[condition] = body
    }

    // --- declarative: running --------------------------------------------------------------------------------------

    private void runDeclarative(Closure body) {
        if (declarative != null) {
            throw new IllegalStateException('pipeline { } ran twice in one build')
        }
        declarative = new Declarative()
        section('pipeline', body)
        if (declarative.agent == null) {
            throw new IllegalStateException('pipeline { } needs an agent directive')
        }
        // ModelInterpreter: the agent first, then the options' wrappers (timeout) inside it, then stages and post.
        inAgent(declarative.agent) {
            withTimeout(declarative.timeout) {
                runStages(declarative.stages)
                runPost(declarative.post)
            }
        }
    }

    private Object withTimeout(Map timeout, Closure body) {
        timeout == null ? body() : this.timeout(timeout, body)
    }

    private Object inAgent(Map agent, Closure body) {
        agent == null || agent.none ? body() : onNode(agent.label as String ?: '', workspace, 'agent', body)
    }

    /** Runs stages in order; returns whether one failed or was aborted (the stages after it are skipped). */
    private boolean runStages(List<Stage> list) {
        boolean failed = false
        list.each { Stage stage ->
            if (failed) {
                skip(stage, 'skipped (earlier failure)')
            } else {
                failed = !runStage(stage)
            }
        }
        failed
    }

    private void skip(Stage stage, String why) {
        stages[stage.name] = why
        stage.stages?.each { skip(it, why) }
    }

    /** One stage: when (before or after its agent), agent, steps or nested stages, post; false when it failed. */
    private boolean runStage(Stage stage) {
        stages[stage.name] = 'running'
        String saved = currentStage
        currentStage = stage.name
        try {
            if (stage.beforeAgent && !passes(stage)) {
                skip(stage, 'skipped (when)')
                return true
            }
            return withTimeout(stage.timeout) {
                inAgent(stage.agent) {
                    if (!stage.beforeAgent && !passes(stage)) {
                        skip(stage, 'skipped (when)')
                        return true
                    }
                    runBody(stage)
                }
            }
        } catch (PipelineError | FlowInterrupted e) {
            stages[stage.name] = outcome(e)
            return false
        } finally {
            currentStage = saved
        }
    }

    private boolean runBody(Stage stage) {
        boolean ok = true
        try {
            if (stage.stages != null) {
                ok = !runStages(stage.stages)
                stages[stage.name] = ok ? 'ran' : (currentBuild.currentResult == 'ABORTED' ? 'aborted' : 'failed')
            } else {
                stage.steps?.call()
                stages[stage.name] = 'ran'
            }
        } catch (PipelineError | FlowInterrupted e) {
            stages[stage.name] = outcome(e)
            ok = false
        } finally {
            currentStage = stage.name
            runPost(stage.post)
        }
        ok
    }

    private String outcome(Exception e) {
        log << "ERROR: ${e.message}".toString()
        if (e instanceof FlowInterrupted) {
            currentBuild.result = (e as FlowInterrupted).result
            return 'aborted'
        }
        currentBuild.result = 'FAILURE'
        'failed'
    }

    private boolean passes(Stage stage) {
        stage.conditions.every { it() as boolean }
    }

    private void runPost(Map<String, Closure> post) {
        POST_CONDITIONS.findAll { post.containsKey(it) && applies(it) }.each { condition ->
            try {
                post[condition]()
            } catch (PipelineError | FlowInterrupted e) {
                outcome(e)
            }
        }
    }

    private boolean applies(String condition) {
        String result = currentBuild.currentResult
        switch (condition) {
            case ['always', 'cleanup']: return true
            case 'unsuccessful': return result != 'SUCCESS'
            case 'notBuilt': return result == 'NOT_BUILT'
            case ['changed', 'fixed', 'regression']: return false
            default: return result == condition.toUpperCase()
        }
    }

    private static class Declarative {
        Map agent
        Map timeout
        List<Stage> stages = []
        Map<String, Closure> post = [:]
        Deque<Stage> defining = new ArrayDeque<>()
        List<Stage> nestedTarget
        Stage whenTarget
        Map agentDefinition
        Map<String, Closure> postTarget
    }

    private static class Stage {
        String name
        List<Closure> conditions = []
        boolean beforeAgent
        Map agent
        Map timeout
        Closure steps
        List<Stage> stages
        Map<String, Closure> post = [:]
    }
}
