package io.github.numeraipipeline.numerai.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs URLs the way a storage bucket's presigned URLs are signed: an expiry and an HMAC of the path in the query.
 * A client that loses or rewrites the query gets 403, as it would from Numerai's bucket.
 */
final class UrlSigner {
    private static final Duration VALIDITY = Duration.ofHours(1);
    private final byte[] key = new byte[32];
    private final Clock clock;

    UrlSigner(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    String sign(String url) {
        long expires = clock.instant().plus(VALIDITY).getEpochSecond();
        String path = URI.create(url).getRawPath();
        return url + "?X-Amz-Expires=" + expires + "&X-Amz-Signature=" + mac(path + "\n" + expires);
    }

    /** Whether a request's path and query carry a valid, unexpired signature. */
    boolean verify(String path, String query) {
        if (query == null) {
            return false;
        }
        String expires = null;
        String signature = null;
        for (String pair : query.split("&")) {
            if (pair.startsWith("X-Amz-Expires=")) {
                expires = pair.substring("X-Amz-Expires=".length());
            } else if (pair.startsWith("X-Amz-Signature=")) {
                signature = pair.substring("X-Amz-Signature=".length());
            }
        }
        if (expires == null || signature == null || !expires.matches("\\d{1,12}")) {
            return false;
        }
        return Long.parseLong(expires) >= clock.instant().getEpochSecond()
                && java.security.MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                        mac(path + "\n" + expires).getBytes(StandardCharsets.US_ASCII));
    }

    private String mac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
