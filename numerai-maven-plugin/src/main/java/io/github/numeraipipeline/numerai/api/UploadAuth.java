package io.github.numeraipipeline.numerai.api;

import java.net.URI;

/** Where to PUT a predictions file, and the name Numerai gave it, which {@code create_submission} wants back. */
public record UploadAuth(String filename, URI url) {
    @Override
    public String toString() {
        // The URL carries a signature; show where it goes, not the signature.
        return "UploadAuth[filename=" + filename + ", url=" + Redaction.url(url) + "]";
    }
}
