package io.github.numeraipipeline.jenkins.harness

import org.codehaus.groovy.control.CompilerConfiguration

/**
 * A recorded pipeline context: loads {@code vars/*.groovy} from the library root, runs them, records every step call,
 * and runs one declarative {@code pipeline { }} the way Jenkins does: stages in order, {@code when} conditions,
 * an error fails the build and skips the stages after it, {@code post} conditions by the build result.
 * Steps touch a fake workspace (a map of files); {@code sh} runs the registered shell handlers.
 */
class PipelineRunner {

    static final List<String> POST_CONDITIONS = ['always', 'changed', 'fixed', 'regression', 'aborted', 'failure',
                                                 'success', 'unstable', 'unsuccessful', 'notBuilt', 'cleanup']
    static final List<String> SECTIONS = ['agent', 'triggers', 'options', 'parameters']
    static final List<String> RECORDED_ONLY = ['label', 'cron', 'disableConcurrentBuilds', 'timestamps',
                                               'buildDiscarder', 'beforeAgent', 'archiveArtifacts', 'junit', 'mail']
    static final List<String> VALUES = ['logRotator', 'booleanParam', 'string', 'usernamePassword']

    final File root = new File(System.getProperty('library.root', '..')).canonicalFile
    final Map<String, String> env = [JOB_NAME: 'numerai-daily', BUILD_NUMBER: '7',
                                     BUILD_URL: 'https://jenkins.example/job/numerai-daily/7/', WORKSPACE: '/ws']
    final Map<String, Object> params = [:]
    final FakeBuild currentBuild = new FakeBuild()
    /** Workspace files by relative path: the pipeline agent's workspace. */
    final Map<String, String> workspace = [:]
    /** The job's SCM: what {@code checkout(scm)} puts into a workspace. */
    final Map<String, String> repository = [:]
    /** The workspace of every {@code node(label)} block, in the order they ran, as [label:, files:]. */
    final List<Map> nodeWorkspaces = []
    /** What {@code stash} saved, by stash name: path -> text. */
    final Map<String, Map<String, String>> stashes = [:]
    /** Credentials store: id -> [username: ..., password: ...]. */
    final Map<String, Map<String, String>> credentials = [:]
    final List<StepCall> calls = []
    final List<String> log = []
    /** Stage name -> 'ran', 'failed', 'skipped (when)' or 'skipped (earlier failure)', in definition order. */
    final Map<String, String> stages = [:]

    private final List<Closure> shellHandlers = []
    private final Map<String, Closure> steps = [:]
    private final Map<String, Script> vars = [:]
    private final Deque<String> sectionStack = new ArrayDeque<>()
    private Binding binding
    private Declarative declarative
    private String currentStage
    private String currentImage
    private String currentNode
    private String currentBranch
    private Map<String, String> currentWorkspace

    PipelineRunner() {
        registerSteps()
    }

    /** Runs a var, as {@code name(config)} in a Jenkinsfile. */
    Object run(String name, Map config = [:]) {
        invokeStep(name, [config] as Object[])
    }

    /** Adds an sh handler: called with (script, env) for every sh; may write files or throw {@link PipelineError}. */
    void onSh(Closure handler) {
        shellHandlers << handler
    }

    /** Replaces a step's behaviour. */
    void step(String name, Closure implementation) {
        steps[name] = implementation
    }

    /** The workspace the steps touch now: a node's inside {@code node(label)}, else the pipeline's. */
    Map<String, String> getActiveWorkspace() {
        currentWorkspace == null ? workspace : currentWorkspace
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

    /** Runs the repository's Jenkinsfile (its @Library line stands for the library this runner loads). */
    Object runJenkinsfile() {
        String text = new File(root, 'Jenkinsfile').text.replaceFirst(/@Library\([^)]*\)\s*_/, '')
        script(new GroovyShell(getClass().classLoader, binding(), compiler()).parse(text, 'Jenkinsfile')).run()
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
                    scm: [step: 'scm'])
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
        new StepCall(name, args.toList(), currentStage, sectionStack.peek(), new LinkedHashMap<>(env), currentImage,
                currentNode, currentBranch)
    }

    private void registerSteps() {
        RECORDED_ONLY.each { step(it) { Object... args -> null } }
        VALUES.each { String name -> step(name) { Map args -> [step: name] + args } }
        SECTIONS.each { String name -> step(name) { Closure body -> section(name, body) } }

        step('pipeline') { Closure body -> runDeclarative(body) }
        step('stages') { Closure body -> body() }
        step('stage') { String name, Closure body -> defineStage(name, body) }
        step('when') { Closure body -> defining().when = body }
        step('steps') { Closure body -> defining().steps = body }
        step('post') { Closure body -> definePost(body) }
        POST_CONDITIONS.each { String condition -> step(condition) { Closure body -> postCondition(condition, body) } }
        step('expression') { Closure condition -> whenConditions().add(condition) }
        step('timeout') { Map args, Closure body = null -> body?.call() }

        step('script') { Closure body -> body() }
        step('echo') { Object message -> log << message.toString() }
        step('error') { Object message -> throw new PipelineError(message.toString()) }
        step('sh') { Object args -> shell(args instanceof Map ? args.script : args) }
        step('fileExists') { Object path -> activeWorkspace.containsKey(path.toString()) }
        step('readFile') { Object args -> readFile(args instanceof Map ? args.file : args) }
        step('writeFile') { Map args -> activeWorkspace[args.file.toString()] = args.text.toString() }
        step('libraryResource') { Object path -> resource(path.toString()) }
        step('withCredentials') { List bindings, Closure body -> withCredentials(bindings, body) }
        step('dockerInside') { String image, String args, Closure body -> inside(image, body) }
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
        Object result = 0
        shellHandlers.each { handler -> result = handler.call(script.toString(), new LinkedHashMap<>(env)) ?: result }
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

    private Object withCredentials(List bindings, Closure body) {
        Map<String, String> bound = [:]
        bindings.each { Map binding ->
            Map<String, String> credential = credentials[binding.credentialsId as String]
            if (credential == null) {
                throw new PipelineError("Could not find credentials entry with ID '${binding.credentialsId}'")
            }
            bound[binding.usernameVariable as String] = credential.username
            bound[binding.passwordVariable as String] = credential.password
        }
        withEnv(bound, body)
    }

    private Object inside(String image, Closure body) {
        if (currentImage != null) {
            throw new IllegalStateException("docker inside ${image} within ${currentImage}")
        }
        currentImage = image
        try {
            body()
        } finally {
            currentImage = null
        }
    }

    /** Runs every branch (one after another here), then fails with the first branch's error, as Jenkins does. */
    private void parallel(Map<String, Closure> branches) {
        if (currentBranch != null) {
            throw new IllegalStateException("parallel within the branch ${currentBranch}")
        }
        PipelineError first = null
        branches.each { String name, Closure body ->
            currentBranch = name
            try {
                body()
            } catch (PipelineError e) {
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
        if (currentNode != null) {
            throw new IllegalStateException("node ${label} within node ${currentNode}")
        }
        Map<String, String> files = [:]
        nodeWorkspaces << [label: label, files: files]
        currentNode = label
        currentWorkspace = files
        try {
            body()
        } finally {
            currentNode = null
            currentWorkspace = null
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

    // --- declarative -----------------------------------------------------------------------------------------------

    private void runDeclarative(Closure body) {
        if (declarative != null) {
            throw new IllegalStateException('pipeline { } ran twice in one build')
        }
        declarative = new Declarative()
        section('pipeline', body)
        boolean failed = false
        declarative.stages.each { Stage stage ->
            if (failed) {
                stages[stage.name] = 'skipped (earlier failure)'
            } else if (stage.when != null && !passes(stage.when)) {
                stages[stage.name] = 'skipped (when)'
            } else {
                failed = !runStage(stage)
            }
        }
        runPost(declarative.post)
    }

    private boolean runStage(Stage stage) {
        currentStage = stage.name
        try {
            stage.steps?.call()
            stages[stage.name] = 'ran'
            return true
        } catch (PipelineError e) {
            stages[stage.name] = 'failed'
            fail(e)
            return false
        } finally {
            runPost(stage.post)
            currentStage = null
        }
    }

    private void fail(PipelineError e) {
        log << "ERROR: ${e.message}".toString()
        currentBuild.result = 'FAILURE'
    }

    private boolean passes(Closure when) {
        declarative.conditions = []
        when()
        List<Closure> conditions = declarative.conditions
        declarative.conditions = null
        conditions.every { it() as boolean }
    }

    private void runPost(Map<String, Closure> post) {
        POST_CONDITIONS.findAll { post.containsKey(it) && applies(it) }.each { condition ->
            try {
                post[condition]()
            } catch (PipelineError e) {
                fail(e)
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

    private Stage defining() {
        if (declarative?.defining == null) {
            throw new IllegalStateException('when/steps outside a stage')
        }
        declarative.defining
    }

    private void defineStage(String name, Closure body) {
        if (declarative == null || declarative.defining != null) {
            throw new IllegalStateException("stage('${name}') outside pipeline { stages { } } (or nested)")
        }
        Stage stage = new Stage(name: name)
        declarative.stages << stage
        declarative.defining = stage
        body()
        declarative.defining = null
    }

    private void definePost(Closure body) {
        declarative.postTarget = declarative.defining ? declarative.defining.post : declarative.post
        body()
        declarative.postTarget = null
    }

    private void postCondition(String condition, Closure body) {
        if (declarative?.postTarget == null) {
            throw new IllegalStateException("${condition} { } outside post { }")
        }
        declarative.postTarget[condition] = body
    }

    private List<Closure> whenConditions() {
        if (declarative?.conditions == null) {
            throw new IllegalStateException('expression { } outside when { }')
        }
        declarative.conditions
    }

    private static class Declarative {
        List<Stage> stages = []
        Map<String, Closure> post = [:]
        Stage defining
        Map<String, Closure> postTarget
        List<Closure> conditions
    }

    private static class Stage {
        String name
        Closure when
        Closure steps
        Map<String, Closure> post = [:]
    }
}
