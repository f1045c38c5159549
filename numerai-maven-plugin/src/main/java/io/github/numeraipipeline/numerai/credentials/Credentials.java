package io.github.numeraipipeline.numerai.credentials;

import java.util.Objects;

/**
 * A Numerai API key pair. {@link #toString()} masks both parts so that a key pair that ends up in a log line
 * or an exception message by accident shows nothing useful.
 */
public final class Credentials {
    private final String publicId;
    private final String secretKey;
    private final String source;

    public Credentials(String publicId, String secretKey, String source) {
        if (publicId == null || publicId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("Both the public id and the secret key are required (from " + source + ")");
        }
        this.publicId = publicId.trim();
        this.secretKey = secretKey.trim();
        this.source = Objects.requireNonNull(source, "source");
    }

    public String publicId() {
        return publicId;
    }

    /** Where the keys came from ("environment NUMERAI_PUBLIC_ID/NUMERAI_SECRET_KEY", a settings.xml server), for the log. */
    public String source() {
        return source;
    }

    /** The value of Numerai's {@code Authorization} header: {@code Token <public>$<secret>}. */
    public String authorizationHeader() {
        return "Token " + publicId + "$" + secretKey;
    }

    @Override
    public String toString() {
        return "Credentials[publicId=****, secretKey=****, source=" + source + "]";
    }
}
