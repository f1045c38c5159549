package io.github.numeraipipeline.numerai.api;

import java.io.IOException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.concurrent.CancellableDependency;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HttpClient 5's retry hook, set to ride out what a busy API does: 5xx, 429 (honouring {@code Retry-After}),
 * a reset connection, an answer slower than the timeout. Waits double from the policy's initial delay up to its
 * cap, with jitter so that many desks do not retry in step; the attempts and the total time are bounded.
 *
 * <p>A request is retried only when its context says it may be ({@link #allowRetries}): a mutation such as
 * {@code create_submission} is not, because its first attempt may have been recorded even though its answer was
 * lost; the caller looks before it tries again.
 */
final class BackoffRetryStrategy implements HttpRequestRetryStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(BackoffRetryStrategy.class);
    private static final String RETRYABLE = "numerai.retryable";
    private static final String STARTED_AT = "numerai.startedAt";
    private static final String NEXT_DELAY = "numerai.nextDelay";
    private static final Set<Integer> RETRIABLE_STATUS = Set.of(429, 500, 502, 503, 504);
    private static final Set<Class<? extends IOException>> NEVER_RETRIED =
            Set.of(UnknownHostException.class, NoRouteToHostException.class, SSLException.class);

    private final RetryPolicy policy;
    private final Clock clock;

    BackoffRetryStrategy(RetryPolicy policy, Clock clock) {
        this.policy = policy;
        this.clock = clock;
    }

    /** Marks a request's context as safe to send again, and starts its time budget. */
    static void allowRetries(HttpContext context, boolean retryable) {
        context.setAttribute(RETRYABLE, retryable);
        context.setAttribute(STARTED_AT, System.nanoTime());
    }

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        if (NEVER_RETRIED.stream().anyMatch(type -> type.isInstance(exception))
                || request instanceof CancellableDependency cancellable && cancellable.isCancelled()) {
            return false;
        }
        return scheduleRetry(execCount, context, jittered(execCount), describe(request) + " failed: " + exception);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        if (!RETRIABLE_STATUS.contains(response.getCode())) {
            return false;
        }
        Duration delay = retryAfter(response, clock.instant());
        return scheduleRetry(execCount, context, delay != null ? delay : jittered(execCount),
                "Numerai answered HTTP " + response.getCode());
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return nextDelay(context);
    }

    @Override
    public TimeValue getRetryInterval(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        return nextDelay(context);
    }

    private boolean scheduleRetry(int execCount, HttpContext context, Duration delay, String what) {
        if (!Boolean.TRUE.equals(context.getAttribute(RETRYABLE)) || execCount >= policy.maxAttempts()) {
            return false;
        }
        Object startedAt = context.getAttribute(STARTED_AT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - (startedAt instanceof Long start ? start : System.nanoTime()));
        if (elapsed.plus(delay).compareTo(policy.maxTotal()) > 0) {
            LOG.warn("{}; giving up: a retry in {} s would pass the {} s retry budget",
                    what, seconds(delay), policy.maxTotal().toSeconds());
            return false;
        }
        LOG.warn("{}; retry {}/{} in {} s", what, execCount, policy.maxAttempts() - 1, seconds(delay));
        context.setAttribute(NEXT_DELAY, delay);
        return true;
    }

    private Duration jittered(int execCount) {
        long full = policy.backoff(execCount).toMillis();
        // "Equal jitter": at least half the back-off, so a retry never comes too soon, spread over the rest.
        long half = full / 2;
        return Duration.ofMillis(half + (full - half == 0 ? 0 : ThreadLocalRandom.current().nextLong(full - half + 1)));
    }

    private static TimeValue nextDelay(HttpContext context) {
        Object delay = context.getAttribute(NEXT_DELAY);
        return delay instanceof Duration d ? TimeValue.ofMilliseconds(d.toMillis()) : TimeValue.ZERO_MILLISECONDS;
    }

    /** {@code Retry-After} as seconds or as an HTTP date (counted from {@code now}); null when absent or unreadable. */
    static Duration retryAfter(HttpResponse response, Instant now) {
        Header header = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
        if (header == null) {
            return null;
        }
        String value = header.getValue().trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(now, at);
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static String seconds(Duration delay) {
        return String.format(java.util.Locale.ROOT, "%.1f", delay.toMillis() / 1000.0);
    }

    /** Method and path, never the query string: a signed URL's query is a secret of sorts. */
    private static String describe(HttpRequest request) {
        String path = request.getPath() == null ? "" : request.getPath();
        int query = path.indexOf('?');
        return request.getMethod() + " " + (query >= 0 ? path.substring(0, query) : path);
    }
}
