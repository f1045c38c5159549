package io.github.numeraipipeline.numerai.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another process for the lock tests: a JVM of its own that takes a lock and holds it until told, or only tries
 * once. The OS lock is per process, so only another process shows what another run sees.
 */
public final class LockHolder implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final long pid;
    private final String host;
    private final Instant since;

    private LockHolder(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        String line = expect("locked ");
        String[] fields = line.split(" ");
        this.pid = Long.parseLong(fields[1].substring("pid=".length()));
        this.since = Instant.parse(fields[2].substring("since=".length()));
        this.host = fields[3].substring("host=".length());
    }

    /** Starts a process that takes the lock of {@code file} for {@code purpose} and holds it. */
    public static LockHolder hold(Path file, String purpose) throws IOException {
        return new LockHolder(java("hold", file.toString(), purpose));
    }

    /** What another process finds when it tries the lock once: "locked" or "busy: <message>". */
    public static String tryOnce(Path file) throws IOException, InterruptedException {
        Process process = java("try", file.toString(), "trying");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output.lines().filter(l -> l.startsWith("locked") || l.startsWith("busy")).findFirst()
                .orElseThrow(() -> new AssertionError("the other process said neither locked nor busy: " + output));
    }

    public long pid() {
        return pid;
    }

    public String host() {
        return host;
    }

    public Instant since() {
        return since;
    }

    /** Releases the lock as a run does when its work is done. */
    public void release() throws IOException {
        in.write("release\n");
        in.flush();
        expect("released");
    }

    /** Kills the process (SIGKILL): the kernel drops its lock, its name stays in the lock file. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }

    private String expect(String prefix) throws IOException {
        List<String> seen = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            seen.add(line);
        }
        throw new AssertionError("the lock holder ended without saying \"" + prefix + "\": " + seen);
    }

    private static Process java(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** {@code hold <file> <purpose>} or {@code try <file> <purpose>}. */
    public static void main(String[] args) throws Exception {
        RunLocks locks = new RunLocks(Clock.systemUTC(), Duration.ZERO);
        Path file = Path.of(args[1]);
        if (args[0].equals("try")) {
            try (RunLock lock = locks.acquire(file, args[2])) {
                System.out.println("locked");
            } catch (LockBusyException busy) {
                System.out.println("busy: " + busy.getMessage());
            }
            return;
        }
        RunLock lock = locks.acquire(file, args[2]);
        System.out.println("locked pid=" + lock.owner().pid() + " since=" + lock.owner().since() + " host="
                + lock.owner().host());
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            if (line.equals("release")) {
                lock.close();
                System.out.println("released");
                System.out.flush();
            }
        }
    }
}
