package io.github.numeraipipeline.numerai.sandbox;

import io.github.numeraipipeline.numerai.sandbox.data.SyntheticDatasetSpec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the sandbox tournament is set up.
 *
 * @param port          port on 127.0.0.1; 0 picks a free one
 * @param roundOpensIn  how long after start the current round opens (zero or negative: it is open already);
 *                      null: between rounds for as long as the sandbox runs
 * @param roundWindow   how long a round takes submissions once open (Numerai: about an hour)
 * @param roundNumber   the current round's number
 * @param models        the account's model names; each gets a model id
 * @param data          the shape of the datasets it serves
 * @param resolveAfter  how long after a round opens its scores count as resolved (zero: at once)
 */
public record SandboxOptions(int port, Duration roundOpensIn, Duration roundWindow, int roundNumber,
                             List<String> models, SyntheticDatasetSpec data, Duration resolveAfter) {

    /** The sandbox account's keys: public, since the sandbox holds nothing worth protecting. */
    public static final String PUBLIC_ID = "SANDBOX_PUBLIC_ID";
    public static final String SECRET_KEY = "SANDBOX_SECRET_KEY";

    public SandboxOptions {
        Objects.requireNonNull(roundWindow, "roundWindow");
        Objects.requireNonNull(data, "data");
        models = List.copyOf(models);
        resolveAfter = resolveAfter == null ? Duration.ZERO : resolveAfter;
    }

    /**
     * An open round (opened a minute ago, an hour to go), the three models the repository ships (a LightGBM and two
     * XGBoost), and datasets of the real v5.2 live shape (6,720 x 2,748).
     */
    public static SandboxOptions defaults() {
        return new SandboxOptions(0, Duration.ofMinutes(-1), Duration.ofHours(1), 1294,
                List.of("lgba", "xgba", "xgbb"), SyntheticDatasetSpec.defaults(), Duration.ZERO);
    }

    public SandboxOptions withPort(int port) {
        return new SandboxOptions(port, roundOpensIn, roundWindow, roundNumber, models, data, resolveAfter);
    }

    public SandboxOptions withRoundOpensIn(Duration opensIn) {
        return new SandboxOptions(port, opensIn, roundWindow, roundNumber, models, data, resolveAfter);
    }

    public SandboxOptions withRoundNumber(int number) {
        return new SandboxOptions(port, roundOpensIn, roundWindow, number, models, data, resolveAfter);
    }

    /** The account's model names: a slot each, as a real account has for every model a desk submits. */
    public SandboxOptions withModels(List<String> names) {
        return new SandboxOptions(port, roundOpensIn, roundWindow, roundNumber, names, data, resolveAfter);
    }

    public SandboxOptions withData(SyntheticDatasetSpec spec) {
        return new SandboxOptions(port, roundOpensIn, roundWindow, roundNumber, models, spec, resolveAfter);
    }

    public SandboxOptions withResolveAfter(Duration after) {
        return new SandboxOptions(port, roundOpensIn, roundWindow, roundNumber, models, data, after);
    }
}
