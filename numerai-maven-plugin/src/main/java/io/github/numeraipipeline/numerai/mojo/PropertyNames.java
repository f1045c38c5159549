package io.github.numeraipipeline.numerai.mojo;

/** Every {@code -D} name the goals read, in one place; all start with {@code numerai.}. */
final class PropertyNames {
    private PropertyNames() {
    }

    static final String API_URL = "numerai.apiUrl";
    static final String TOURNAMENT = "numerai.tournament";
    static final String OUTPUT_DIRECTORY = "numerai.outputDirectory";
    static final String POLL_INTERVAL = "numerai.pollInterval";
    static final String MAX_WAIT = "numerai.maxWait";
    static final String SKIP = "numerai.skip";
    static final String SANDBOX = "numerai.sandbox";
    static final String SANDBOX_ROUND = "numerai.sandbox.round";
    static final String SANDBOX_PORT = "numerai.sandbox.port";
}
