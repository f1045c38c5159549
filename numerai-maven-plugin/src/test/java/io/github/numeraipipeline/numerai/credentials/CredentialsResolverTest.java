package io.github.numeraipipeline.numerai.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsResolverTest {
    private static final CredentialsResolver.ServerKeys NO_SERVER = id -> Optional.empty();
    private static final CredentialsResolver.ServerKeys SERVER =
            id -> Optional.of(new Credentials("S_PUBLIC", "S_SECRET", "settings.xml server \"" + id + "\""));

    @Test
    void theEnvironmentComesFirst() throws Exception {
        Credentials keys = new CredentialsResolver(Map.of("NUMERAI_PUBLIC_ID", "E_PUBLIC", "NUMERAI_SECRET_KEY",
                "E_SECRET"), SERVER).resolve("numerai");

        assertEquals("E_PUBLIC", keys.publicId());
        assertEquals("environment NUMERAI_PUBLIC_ID/NUMERAI_SECRET_KEY", keys.source());
        assertEquals("Token E_PUBLIC$E_SECRET", keys.authorizationHeader());
    }

    @Test
    void numerapisShortNamesWorkToo() throws Exception {
        Credentials keys = new CredentialsResolver(Map.of("NUMERAI_PUBLIC", "P", "NUMERAI_SECRET", "S"), NO_SERVER)
                .resolve("numerai");

        assertEquals("environment NUMERAI_PUBLIC/NUMERAI_SECRET", keys.source());
    }

    @Test
    void thenTheSettingsServer() throws Exception {
        Credentials keys = new CredentialsResolver(Map.of(), SERVER).resolve("desk");

        assertEquals("S_PUBLIC", keys.publicId());
        assertEquals("settings.xml server \"desk\"", keys.source());
    }

    @Test
    void noKeysAnywhereNamesBothWays() {
        CredentialsResolver.MissingCredentials error = assertThrows(CredentialsResolver.MissingCredentials.class,
                () -> new CredentialsResolver(Map.of(), NO_SERVER).resolve("numerai"));

        assertTrue(error.getMessage().contains("NUMERAI_PUBLIC_ID and NUMERAI_SECRET_KEY"), error.getMessage());
        assertTrue(error.getMessage().contains("<server><id>numerai</id>"), error.getMessage());
    }

    @Test
    void halfAPairIsAnErrorNotASilentFallback() {
        CredentialsResolver.MissingCredentials error = assertThrows(CredentialsResolver.MissingCredentials.class,
                () -> new CredentialsResolver(Map.of("NUMERAI_PUBLIC_ID", "P"), SERVER).resolve("numerai"));

        assertTrue(error.getMessage().contains("has NUMERAI_PUBLIC_ID but not NUMERAI_SECRET_KEY"), error.getMessage());
    }

    @Test
    void theSecretNeverShowsInToString() throws Exception {
        Credentials keys = new CredentialsResolver(Map.of("NUMERAI_PUBLIC_ID", "E_PUBLIC", "NUMERAI_SECRET_KEY",
                "E_SECRET"), NO_SERVER).resolve("numerai");

        assertFalse(keys.toString().contains("E_SECRET"));
        assertFalse(keys.toString().contains("E_PUBLIC"));
    }
}
