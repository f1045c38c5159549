package io.github.numeraipipeline.jenkins.harness

/**
 * Runs a library shell script for real with /bin/sh, as durable-task would (a script starting with #! as it is,
 * others with {@code sh -xe}), in a directory holding the workspace's files, with the step's environment and nothing
 * else. Its PATH holds only wrappers, one per command of {@link #COMMANDS}, that record their arguments and run the
 * real command: every process the script starts is recorded with its command line (a command outside the list is
 * "not found" and fails the script, so none escapes the record), while shell built-ins start no process.
 */
class RealShell {

    static final List<String> COMMANDS = ['cat', 'curl', 'mkdir', 'rm', 'rmdir', 'chmod', 'mktemp', 'sed', 'tr', 'env',
                                          'ls', 'printf', 'echo', 'test', '[', 'touch', 'mv', 'cp', 'dirname',
                                          'basename', 'head', 'tail', 'grep', 'id', 'sleep', 'true', 'false', 'tee',
                                          'wc', 'xargs', 'awk', 'stat', 'install', 'ln', 'dd', 'base64']
    private static final String FIELD = '\u001e'
    private static final String RECORD = '\u001d'

    final File home
    final File bin
    final File argvLog
    private int scripts

    RealShell(File home) {
        this.home = home
        bin = new File(home, 'bin')
        argvLog = new File(home, 'argv.log')
        bin.mkdirs()
        argvLog.text = ''
        COMMANDS.each { String name ->
            File real = ['/usr/bin', '/bin'].collect { new File(it, name) }.find { it.canExecute() }
            if (real != null) {
                File wrapper = new File(bin, name)
                wrapper.text = "#!/bin/sh\nprintf '%s${octal(FIELD)}' '${name}' \"\$@\" >> '${argvLog.path}'\n" +
                    "printf '${octal(RECORD)}' >> '${argvLog.path}'\nexec '${real.path}' \"\$@\"\n"
                wrapper.setExecutable(true)
            }
        }
    }

    private static String octal(String character) {
        '\\' + Integer.toOctalString(character.charAt(0) as int).padLeft(3, '0')
    }

    /** The argument lists of every command the scripts started, in order, the command's name first. */
    List<List<String>> getCommandLines() {
        argvLog.text.split(RECORD).findAll { it }.collect { it.split(FIELD, -1).toList().dropRight(1) }
    }

    /** Runs the script; returns [exit:, output:] (standard output and error together). */
    Map run(String script, Map<String, String> env, File directory, Map<String, String> files) {
        directory.mkdirs()
        files.each { String path, String text ->
            File file = new File(directory, path)
            file.parentFile.mkdirs()
            file.text = text
        }
        File scriptFile = new File(home, "script-${++scripts}.sh")
        scriptFile.text = script
        List<String> command = script.startsWith('#!') ? ['/bin/sh', scriptFile.path]
            : ['/bin/sh', '-xe', scriptFile.path]
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory).redirectErrorStream(true)
        builder.environment().clear()
        builder.environment().putAll(env)
        builder.environment().putAll([PATH: bin.path, HOME: home.path])
        Process process = builder.start()
        String output = process.inputStream.text
        [exit: process.waitFor(), output: output]
    }
}
