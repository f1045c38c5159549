package io.github.numeraipipeline.numerai.credentials;

import io.github.numeraipipeline.numerai.NumeraiException;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the Numerai keys in the contract's order: the environment ({@code NUMERAI_PUBLIC_ID}/{@code NUMERAI_SECRET_KEY},
 * or {@code NUMERAI_PUBLIC}/{@code NUMERAI_SECRET}), then a settings.xml server. Maven's settings are behind
 * {@link ServerKeys} so that this stays plain Java.
 */
public final class CredentialsResolver {

    /** The keys of a settings.xml {@code <server>}, already decrypted; empty when there is no such server. */
    @FunctionalInterface
    public interface ServerKeys {
        Optional<Credentials> lookup(String serverId) throws NumeraiException;
    }

    /** No keys anywhere: the message shows both ways to give them. */
    public static final class MissingCredentials extends NumeraiException {
        private static final long serialVersionUID = 1L;

        MissingCredentials(String message) {
            super(message);
        }
    }

    private final Map<String, String> environment;
    private final ServerKeys serverKeys;

    public CredentialsResolver(Map<String, String> environment, ServerKeys serverKeys) {
        this.environment = environment;
        this.serverKeys = serverKeys;
    }

    public Credentials resolve(String serverId) throws NumeraiException {
        Optional<Credentials> fromEnvironment = pair("NUMERAI_PUBLIC_ID", "NUMERAI_SECRET_KEY");
        if (fromEnvironment.isEmpty()) {
            fromEnvironment = pair("NUMERAI_PUBLIC", "NUMERAI_SECRET");
        }
        if (fromEnvironment.isPresent()) {
            return fromEnvironment.get();
        }
        Optional<Credentials> fromSettings = serverKeys.lookup(serverId);
        if (fromSettings.isPresent()) {
            return fromSettings.get();
        }
        throw new MissingCredentials("No Numerai API keys found. Either set the environment variables"
                + " NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY, or add to ~/.m2/settings.xml a server"
                + " <server><id>" + serverId + "</id><username>PUBLIC_ID</username><password>SECRET_KEY</password></server>"
                + " (the password may be encrypted with mvn --encrypt-password; the id is numerai.serverId)."
                + " Keys are made at numer.ai/account; -Dnumerai.sandbox needs none.");
    }

    private Optional<Credentials> pair(String publicName, String secretName) throws MissingCredentials {
        String publicId = environment.get(publicName);
        String secret = environment.get(secretName);
        if (isBlank(publicId) && isBlank(secret)) {
            return Optional.empty();
        }
        if (isBlank(publicId) || isBlank(secret)) {
            // Half a pair is a mistake worth saying, not a reason to look elsewhere silently.
            throw new MissingCredentials("The environment has " + (isBlank(publicId) ? secretName : publicName)
                    + " but not " + (isBlank(publicId) ? publicName : secretName) + "; set both, or neither and use"
                    + " a settings.xml server");
        }
        return Optional.of(new Credentials(publicId, secret, "environment " + publicName + "/" + secretName));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
