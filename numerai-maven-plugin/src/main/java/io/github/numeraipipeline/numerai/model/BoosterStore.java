package io.github.numeraipipeline.numerai.model;

import io.github.numeraipipeline.numerai.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where each model's booster is read from and written to: the one rule that {@code train}, {@code predict} and
 * {@code numerai.train.onlyMissing} follow, and that manifests and reports name.
 * <ul>
 * <li>A booster beside its config (the config's {@code "booster"} key, by default {@code <name>.model.json} next to
 * it) was brought by the desk: committed or mounted with the config. When it is there it is the one used, and
 * nothing here ever writes it.</li>
 * <li>A booster the desk trains for itself is state, like the dataset cache and the ledger: {@code train} writes it
 * with its manifest into this store's folder ({@code <dataDirectory>/boosters}: writable, and kept between runs),
 * and {@code predict} uses it when the config has none beside it, provided its manifest vouches for it: the same
 * booster, trained from this very config. A config edited since, or a training cut off between the two files, makes
 * it count as missing, so that it is trained again rather than used for a model it no longer is.</li>
 * </ul>
 * Sandbox runs keep a store of their own and ignore the boosters beside the configs: a booster trained on made-up
 * data must never stand where a real one is expected, nor a real one be used on made-up data.
 */
public final class BoosterStore {
    static final String MANIFEST_SUFFIX = ".manifest.json";

    /** Where the booster a model uses comes from. */
    public enum Origin {
        /** Beside its config: committed or mounted with it. */
        CONFIG("beside its config"),
        /** Trained by the desk into the store. */
        TRAINED("trained by the desk"),
        /** Trained on the sandbox's made-up data, into the sandbox's store. */
        SANDBOX("trained on sandbox data");

        private final String description;

        Origin(String description) {
            this.description = description;
        }

        /** The name in run records and reports: {@code config}, {@code trained} or {@code sandbox}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** A booster file and where it comes from. */
    public record Located(Path file, Origin origin) {
    }

    /**
     * What the store found for a model: the booster to use, or the reason there is none.
     *
     * @param booster null when there is none the model may use
     * @param reason  why there is none (null when there is one), without the fix
     */
    public record Lookup(ModelConfig config, Located booster, String reason, String fix) {
        public boolean found() {
            return booster != null;
        }

        /** The booster, or a {@link ModelException} naming the model, why it has none and the fix. */
        public Located require() throws ModelException {
            if (booster == null) {
                throw new ModelException("Model " + config.name() + " has " + reason + ". " + fix);
            }
            return booster;
        }
    }

    private final Path directory;
    private final boolean sandbox;

    private BoosterStore(Path directory, boolean sandbox) {
        this.directory = directory.toAbsolutePath().normalize();
        this.sandbox = sandbox;
    }

    /** The desk's store: {@code <dataDirectory>/boosters}; boosters beside their configs win over it. */
    public static BoosterStore inDataDirectory(Path dataDirectory) {
        return new BoosterStore(dataDirectory.resolve("boosters"), false);
    }

    /** A sandbox's store: {@code <sandbox data folder>/boosters}, the only place its boosters are read from. */
    public static BoosterStore inSandbox(Path sandboxDataFolder) {
        return new BoosterStore(sandboxDataFolder.resolve("boosters"), true);
    }

    /** The folder {@code train} writes to. */
    public Path directory() {
        return directory;
    }

    /** Where {@code train} writes the model's booster: {@code <store>/<name>.model.json}, or {@code .model.txt} for LightGBM. */
    public Path trainedBooster(ModelConfig config) {
        return directory.resolve(config.name() + config.library().boosterSuffix());
    }

    /** The manifest beside a trained booster: {@code <store>/<name>.manifest.json}. */
    public Path trainedManifest(ModelConfig config) {
        return directory.resolve(config.name() + MANIFEST_SUFFIX);
    }

    /** How boosters {@code train} writes here count: {@link Origin#TRAINED}, or {@link Origin#SANDBOX}. */
    private Origin trainedOrigin() {
        return sandbox ? Origin.SANDBOX : Origin.TRAINED;
    }

    /** The booster the model uses, by the rule above, or why it has none. */
    public Lookup lookup(ModelConfig config) {
        if (!sandbox && Files.isRegularFile(config.booster())) {
            return new Lookup(config, new Located(config.booster(), Origin.CONFIG), null, null);
        }
        Path trained = trainedBooster(config);
        String train = "Train it with numerai:train (the desk's train-missing step does that by itself)";
        if (!Files.isRegularFile(trained)) {
            if (sandbox) {
                return new Lookup(config, null, "no booster trained on the sandbox's data (" + trained + ")",
                        train + "; sandbox runs never use the boosters beside the configs.");
            }
            return new Lookup(config, null, "no booster: none beside its config (" + config.booster() + ", key"
                    + " \"booster\" of " + config.source() + ") and none trained by the desk (" + trained + ")",
                    train + ", or put " + BoosterFile.modelKind(config) + " beside the config.");
        }
        String unvouched = unvouched(config, trained);
        if (unvouched != null) {
            return new Lookup(config, null, "a booster it may not use: " + unvouched,
                    "Train it again with numerai:train (the desk's train-missing step does that by itself).");
        }
        return new Lookup(config, new Located(trained, trainedOrigin()), null, null);
    }

    /** Why the trained booster's manifest does not vouch for it and this config; null when it does. */
    private String unvouched(ModelConfig config, Path booster) {
        Path manifest = trainedManifest(config);
        TrainingManifest.Pins pins;
        try {
            pins = TrainingManifest.pins(manifest);
        } catch (IOException e) {
            return booster + " has no readable manifest (" + manifest + ": " + e.getMessage() + ")";
        }
        try {
            if (!Sha256.of(booster).equals(pins.boosterSha256())) {
                return "the manifest " + manifest + " describes another booster than " + booster
                        + " (a training cut off between the two files)";
            }
            String configSha256 = Sha256.of(config.source());
            if (!configSha256.equals(pins.configSha256())) {
                return booster + " was trained from another version of " + config.source() + " (its manifest pins"
                        + " config sha256 " + abbreviate(pins.configSha256()) + ", the config now has "
                        + abbreviate(configSha256) + ")";
            }
        } catch (IOException e) {
            return "cannot read " + booster + " or " + config.source() + " to check them: " + e;
        }
        return null;
    }

    private static String abbreviate(String sha256) {
        return sha256 == null || sha256.length() <= 12 ? String.valueOf(sha256) : sha256.substring(0, 12) + "…";
    }
}
