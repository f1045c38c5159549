package io.github.numeraipipeline.numerai.api;

import java.net.URI;

/** Shortens what must not be logged whole. */
public final class Redaction {
    private Redaction() {
    }

    /** A URL without its query string: a signed URL's query is a bearer token for that file. */
    public static String url(URI url) {
        if (url == null) {
            return "null";
        }
        String text = url.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query) + "?…";
    }
}
