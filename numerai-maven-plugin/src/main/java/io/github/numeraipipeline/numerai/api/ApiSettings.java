package io.github.numeraipipeline.numerai.api;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Where Numerai's API is and how patiently to talk to it; {@code clock} tells the time a {@code Retry-After} date
 * is measured from.
 */
public record ApiSettings(URI endpoint, int tournament, Duration connectTimeout, Duration responseTimeout,
                         RetryPolicy retry, Clock clock) {

    public static final URI DEFAULT_ENDPOINT = URI.create("https://api-tournament.numer.ai");
    /** The classic tournament. */
    public static final int CLASSIC_TOURNAMENT = 8;

    public ApiSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(clock, "clock");
        requireSafeScheme(endpoint);
    }

    public static ApiSettings defaults(URI endpoint) {
        return new ApiSettings(endpoint, CLASSIC_TOURNAMENT, Duration.ofSeconds(10), Duration.ofSeconds(60),
                RetryPolicy.DEFAULT, Clock.systemUTC());
    }

    public ApiSettings withRetry(RetryPolicy policy) {
        return new ApiSettings(endpoint, tournament, connectTimeout, responseTimeout, policy, clock);
    }

    public ApiSettings withResponseTimeout(Duration timeout) {
        return new ApiSettings(endpoint, tournament, connectTimeout, timeout, retry, clock);
    }

    public ApiSettings withTournament(int id) {
        return new ApiSettings(endpoint, id, connectTimeout, responseTimeout, retry, clock);
    }

    public ApiSettings withClock(Clock time) {
        return new ApiSettings(endpoint, tournament, connectTimeout, responseTimeout, retry, time);
    }

    /**
     * Keys travel in a header, so anything but a loopback test server must be HTTPS; plain HTTP to a real host
     * would send them in the clear.
     */
    private static void requireSafeScheme(URI endpoint) {
        String scheme = endpoint.getScheme();
        if ("https".equalsIgnoreCase(scheme)) {
            return;
        }
        if ("http".equalsIgnoreCase(scheme) && isLoopback(endpoint.getHost())) {
            return;
        }
        throw new IllegalArgumentException("numerai.apiUrl must be an https:// URL (plain http is accepted only for a"
                + " server on this machine, such as the sandbox); got " + endpoint.getScheme() + "://"
                + endpoint.getHost());
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        // Only literal addresses: resolving a name here would do DNS for a check.
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
