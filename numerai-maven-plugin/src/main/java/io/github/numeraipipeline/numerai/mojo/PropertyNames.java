package io.github.numeraipipeline.numerai.mojo;

/** Every {@code -D} name the goals read, in one place; all start with {@code numerai.}. */
final class PropertyNames {
    private PropertyNames() {
    }

    static final String API_URL = "numerai.apiUrl";
    static final String TOURNAMENT = "numerai.tournament";
    static final String RESPONSE_TIMEOUT = "numerai.responseTimeout";
    static final String OUTPUT_DIRECTORY = "numerai.outputDirectory";
    static final String POLL_INTERVAL = "numerai.pollInterval";
    static final String MAX_WAIT = "numerai.maxWait";
    static final String SKIP = "numerai.skip";
    static final String SANDBOX = "numerai.sandbox";
    static final String SANDBOX_ROUND = "numerai.sandbox.round";
    static final String SANDBOX_PORT = "numerai.sandbox.port";
    static final String SANDBOX_DAY = "numerai.sandbox.day";
    static final String SANDBOX_LIVE_ROWS = "numerai.sandbox.liveRows";
    static final String SANDBOX_FEATURES = "numerai.sandbox.features";
    static final String SANDBOX_TRAIN_ERAS = "numerai.sandbox.trainEras";
    static final String SANDBOX_FAULTS = "numerai.sandbox.faults";
    static final String MODELS_DIRECTORY = "numerai.modelsDirectory";
    static final String MODELS = "numerai.models";
    static final String DATA_DIRECTORY = "numerai.dataDirectory";
    static final String LIVE_DATA = "numerai.liveData";
    static final String DOWNLOAD_TRAINING = "numerai.download.training";
    static final String SERVER_ID = "numerai.serverId";
    static final String DRY_RUN = "numerai.dryRun";
    static final String FORCE = "numerai.force";
    static final String LEDGER = "numerai.ledger";
    static final String PREDICT_TRANSFORM = "numerai.predict.transform";
    static final String TRAIN_ERA_STEP = "numerai.train.eraStep";
    static final String TRAIN_ONLY_MISSING = "numerai.train.onlyMissing";
    static final String TRAIN_MATRIX = "numerai.train.matrix";
    static final String PARALLEL_MODELS = "numerai.parallelModels";
    static final String LOCK_WAIT = "numerai.lockWait";
    static final String SCORES_ROUNDS = "numerai.scores.rounds";
    static final String SCORES_METRICS = "numerai.scores.metrics";
    static final String SCORES_ALERT_MISSED = "numerai.scores.alertMissed";
    static final String SCORES_ALERT_BELOW = "numerai.scores.alertBelow";
    static final String SCORES_HISTORY = "numerai.scores.history";
    static final String SANDBOX_RESOLVE_AFTER = "numerai.sandbox.resolveAfter";
    static final String SANDBOX_HISTORY = "numerai.sandbox.history";
}
