package io.github.numeraipipeline.numerai.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Who holds a {@link RunLock}, as its lock file tells: process id, host, since when and for what. Only for messages
 * ("another run holds ... since ..., pid ..."); whether the lock is held is the operating system's lock alone.
 */
public record LockOwner(long pid, String host, Instant since, String purpose) {

    /** This process, taking a lock now for {@code purpose}; to the second, as a person reads it. */
    static LockOwner thisProcess(Instant since, String purpose) {
        return new LockOwner(ProcessHandle.current().pid(), ThisHost.NAME, since.truncatedTo(ChronoUnit.SECONDS),
                purpose);
    }

    boolean isThisProcess() {
        return pid == ProcessHandle.current().pid() && host.equals(ThisHost.NAME);
    }

    /** Whether the owner ran on this host and its process is gone; false when that cannot be known. */
    boolean isGoneFromThisHost() {
        return host.equals(ThisHost.NAME) && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** "since 2026-12-01T12:00:03Z, pid 4242 on agent-2 (download of v5.0/live.parquet)". */
    String describe() {
        return "since " + since + ", pid " + pid + " on " + host + " (" + purpose + ")";
    }

    byte[] toBytes() {
        return ("pid=" + pid + "\nhost=" + host + "\nsince=" + since + "\nfor=" + purpose + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The owner a lock file names; empty when it names none (released cleanly, or still being written). */
    static Optional<LockOwner> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        text.lines().forEach(line -> {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
        });
        try {
            return Optional.of(new LockOwner(Long.parseLong(fields.get("pid")), fields.getOrDefault("host", "?"),
                    Instant.parse(fields.get("since")), fields.getOrDefault("for", "?")));
        } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /**
     * The host name, looked up once. The kernel's own name first: a DNS lookup (which
     * {@code InetAddress.getLocalHost()} makes) can hang for seconds on a badly configured agent.
     */
    private static final class ThisHost {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                Path kernel = Path.of("/proc/sys/kernel/hostname");
                if (Files.isReadable(kernel)) {
                    String name = Files.readString(kernel, StandardCharsets.UTF_8).trim();
                    if (!name.isEmpty()) {
                        return name;
                    }
                }
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException | RuntimeException e) {
                return "unknown host";
            }
        }
    }
}
