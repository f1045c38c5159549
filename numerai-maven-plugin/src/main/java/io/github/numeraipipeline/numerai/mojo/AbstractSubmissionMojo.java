package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.credentials.CredentialsResolver;
import io.github.numeraipipeline.numerai.sandbox.SandboxOptions;
import io.github.numeraipipeline.numerai.submission.SubmissionLedger;
import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** The goals that ask Numerai about this account's submissions: {@code watch} (is the day's work done?) and {@code submit}. */
public abstract class AbstractSubmissionMojo extends AbstractModelsMojo {

    /**
     * The settings.xml {@code <server>} holding the keys (username = public id, password = secret key), used when
     * the environment has no {@code NUMERAI_PUBLIC_ID}/{@code NUMERAI_SECRET_KEY}.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.SERVER_ID, defaultValue = "numerai")
    private String serverId;

    /**
     * Submit even when the round already has a submission for the model.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.FORCE, defaultValue = "false")
    private boolean force;

    /**
     * The ledger of this desk's submissions; outside the build directory so that {@code mvn clean} keeps it.
     * Default: {@code ledger.json} in the dataset cache.
     *
     * @since 0.1.0
     */
    @Parameter(property = PropertyNames.LEDGER)
    private File ledger;

    private final SettingsDecrypter decrypter;

    protected AbstractSubmissionMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    protected boolean force() {
        return force;
    }

    /** The sandbox's own account in sandbox runs (real keys never go to it), else the contract's order. */
    protected Credentials credentials() throws NumeraiException {
        if (isSandbox()) {
            return new Credentials(SandboxOptions.PUBLIC_ID, SandboxOptions.SECRET_KEY, "the sandbox's account");
        }
        return new CredentialsResolver(System.getenv(), new MavenSettingsKeys(
                session() == null ? null : session().getSettings(), decrypter)).resolve(serverId);
    }

    protected SubmissionLedger ledger() throws MojoFailureException {
        return new SubmissionLedger(ledger != null ? ledger.toPath() : datasetCache().root().resolve("ledger.json"),
                runLocks());
    }
}
