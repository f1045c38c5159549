package io.github.numeraipipeline.numerai.mojo;

import io.github.numeraipipeline.numerai.NumeraiException;
import io.github.numeraipipeline.numerai.credentials.Credentials;
import io.github.numeraipipeline.numerai.credentials.CredentialsResolver;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The keys of a settings.xml {@code <server>}: username = public id, password = secret key, decrypted by Maven's
 * {@link SettingsDecrypter} so that {@code mvn --encrypt-password} passwords work.
 */
final class MavenSettingsKeys implements CredentialsResolver.ServerKeys {
    private final Settings settings;
    private final SettingsDecrypter decrypter;

    MavenSettingsKeys(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    @Override
    public Optional<Credentials> lookup(String serverId) throws NumeraiException {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : result.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                // Maven's message says what is wrong with the master password; it never holds the secret itself.
                throw new NumeraiException("Cannot decrypt the password of settings.xml server \"" + serverId + "\": "
                        + problem.getMessage() + " (see https://maven.apache.org/guides/mini/guide-encryption.html)");
            }
        }
        Server decrypted = result.getServer();
        if (isBlank(decrypted.getUsername()) || isBlank(decrypted.getPassword())) {
            throw new NumeraiException("settings.xml server \"" + serverId + "\" needs <username> (the Numerai public"
                    + " id) and <password> (the secret key)");
        }
        return Optional.of(new Credentials(decrypted.getUsername(), decrypted.getPassword(),
                "settings.xml server \"" + serverId + "\""));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
