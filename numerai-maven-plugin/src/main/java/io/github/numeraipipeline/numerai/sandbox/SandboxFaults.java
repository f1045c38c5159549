package io.github.numeraipipeline.numerai.sandbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults a test switches on to see the client survive what a real API and a real storage bucket do now and then.
 * Each fault applies to the next {@code times} matching requests, then the sandbox behaves again.
 */
public final class SandboxFaults {
    final Countdown graphQlStatus = new Countdown();
    final Countdown graphQlRateLimit = new Countdown();
    final Countdown graphQlSlow = new Countdown();
    final Countdown graphQlDrop = new Countdown();
    final Countdown downloadStatus = new Countdown();
    final Countdown downloadTruncate = new Countdown();
    final Countdown uploadStatus = new Countdown();
    final Countdown createFailsBeforeRecording = new Countdown();
    final Countdown createAnswerLost = new Countdown();
    final Countdown roundClosed = new Countdown();

    /** The next GraphQL calls answer with an HTTP error such as 502 or 503, as a load balancer would. */
    public SandboxFaults failGraphQl(int times, int status) {
        graphQlStatus.arm(times, status);
        return this;
    }

    /** The next GraphQL calls answer 429 with {@code Retry-After} in whole seconds. */
    public SandboxFaults rateLimitGraphQl(int times, Duration retryAfter) {
        graphQlRateLimit.arm(times, retryAfter.toSeconds());
        return this;
    }

    /** The next GraphQL calls are answered only after {@code delay}, to trip the client's response timeout. */
    public SandboxFaults delayGraphQl(int times, Duration delay) {
        graphQlSlow.arm(times, delay.toMillis());
        return this;
    }

    /** The next GraphQL calls get their connection closed without an answer. */
    public SandboxFaults dropGraphQl(int times) {
        graphQlDrop.arm(times, 0);
        return this;
    }

    /** The next dataset downloads answer with an HTTP error. */
    public SandboxFaults failDownloads(int times, int status) {
        downloadStatus.arm(times, status);
        return this;
    }

    /** The next dataset downloads announce the full length, send half the bytes and close the connection. */
    public SandboxFaults truncateDownloads(int times) {
        downloadTruncate.arm(times, 0);
        return this;
    }

    /** The next predictions uploads (PUT) answer with an HTTP error and store nothing. */
    public SandboxFaults failUploads(int times, int status) {
        uploadStatus.arm(times, status);
        return this;
    }

    /** The next {@code create_submission} calls fail with HTTP 500 before anything is recorded. */
    public SandboxFaults failCreateBeforeRecording(int times) {
        createFailsBeforeRecording.arm(times, 500);
        return this;
    }

    /** The next {@code create_submission} calls are recorded, but their answer never reaches the client. */
    public SandboxFaults loseCreateAnswers(int times) {
        createAnswerLost.arm(times, 0);
        return this;
    }

    /**
     * The next questions for the current round are answered as between rounds ("Current round not open for
     * submissions"), however the round's times read: a test sees a client wait for a round without racing a clock.
     */
    public SandboxFaults keepRoundClosed(int times) {
        roundClosed.arm(times, 0);
        return this;
    }

    /**
     * Switches faults on from text, for {@code -Dnumerai.sandbox.faults}: a comma list of {@code name:times[:value]},
     * such as {@code graphql-5xx:3:503,download-cut:1,create-lost:1}. Names: graphql-5xx (value: status),
     * graphql-429 (value: Retry-After seconds), graphql-slow (value: milliseconds), graphql-drop, download-5xx
     * (value: status), download-cut, upload-5xx (value: status), create-fail, create-lost, round-closed.
     *
     * @throws IllegalArgumentException naming the part it cannot read and the names there are
     */
    public SandboxFaults apply(String spec) {
        if (spec == null || spec.isBlank()) {
            return this;
        }
        for (String part : spec.split(",")) {
            String[] fields = part.trim().split(":");
            try {
                int times = fields.length > 1 ? Integer.parseInt(fields[1]) : 1;
                long value = fields.length > 2 ? Long.parseLong(fields[2]) : 0;
                switch (fields[0]) {
                    case "graphql-5xx" -> failGraphQl(times, value == 0 ? 503 : (int) value);
                    case "graphql-429" -> rateLimitGraphQl(times, Duration.ofSeconds(value == 0 ? 1 : value));
                    case "graphql-slow" -> delayGraphQl(times, Duration.ofMillis(value == 0 ? 70_000 : value));
                    case "graphql-drop" -> dropGraphQl(times);
                    case "download-5xx" -> failDownloads(times, value == 0 ? 503 : (int) value);
                    case "download-cut" -> truncateDownloads(times);
                    case "upload-5xx" -> failUploads(times, value == 0 ? 503 : (int) value);
                    case "create-fail" -> failCreateBeforeRecording(times);
                    case "create-lost" -> loseCreateAnswers(times);
                    case "round-closed" -> keepRoundClosed(times);
                    default -> throw new IllegalArgumentException("unknown fault");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot read the sandbox fault \"" + part.trim() + "\"; write"
                        + " name:times[:value] with a name from graphql-5xx, graphql-429, graphql-slow, graphql-drop,"
                        + " download-5xx, download-cut, upload-5xx, create-fail, create-lost, round-closed", e);
            }
        }
        return this;
    }

    /** A fault that fires for a number of requests, carrying one value (a status, seconds, milliseconds). */
    static final class Countdown {
        private final AtomicInteger remaining = new AtomicInteger();
        private final AtomicReference<Long> value = new AtomicReference<>(0L);

        void arm(int times, long value) {
            this.value.set(value);
            remaining.set(times);
        }

        /** Whether the fault fires for this request; each firing uses up one. */
        boolean fire() {
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }

        long value() {
            return value.get();
        }
    }
}
