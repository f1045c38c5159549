package io.github.numeraipipeline.numerai.io;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes {@link RunLock}s so that two runs sharing a data directory (a manual build during the timer build, two
 * agents on one cache, a person at the desk during the cron job) never do the same work at once: the submission of
 * a model, an update of the ledger, the download of a dataset file. A run that finds a lock taken waits up to
 * {@code wait}, saying once who holds it, then gives up with {@link LockBusyException}.
 *
 * <p>The truth of a lock is the operating system's lock ({@link FileChannel#tryLock()}, {@code fcntl} on Linux),
 * which the kernel drops when its process dies, however it dies. The lock file's content (pid, host, since, what
 * for) is only for messages: a run never decides from it whether the lock is held. A file that still names an
 * owner when its lock is free was left by a run that ended without releasing it (killed, crashed); it is taken
 * over with a warning. Lock files are never deleted: a run that deleted one while another waited on it would let
 * a third create a new file and lock that, and two runs would hold "the" lock.
 *
 * <p>Within one JVM (models in parallel, two goals under {@code mvn -T}) the OS lock cannot tell threads apart
 * ({@code tryLock} throws {@link OverlappingFileLockException}), and on Linux closing <em>any</em> descriptor of a
 * file drops every lock the process holds on it. So this JVM keeps its own table of the lock files it holds and
 * opens a lock file only while it holds the table's entry: a waiting thread never opens (nor closes) the file the
 * holder locked. A second copy of this class (another class loader) has another table; its waiter sees the
 * overlap, and its channel is then kept open until the JVM exits rather than closed under the holder's lock.
 *
 * <p>Between hosts on NFS the lock is the NFS lock: it holds when the mount has working locking (NFSv4, or v3 with
 * lockd and statd; not {@code nolock} or {@code local_lock}), and a host that vanishes keeps its locks until the
 * server's lease or grace period ends. Without working locks each host only locks against itself; Numerai's own
 * list of submissions, checked inside the lock, is then the remaining guard against a second submission.
 */
public final class RunLocks {
    private static final Logger LOG = LoggerFactory.getLogger(RunLocks.class);
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(10);
    private static final Duration POLL_EVERY = Duration.ofMillis(250);
    private static final Duration NAME_GRACE = Duration.ofMillis(50);

    /** The lock files this JVM (this class loader) holds, and for whom: one holder per file, one channel per file. */
    private static final Map<Path, LockOwner> HELD_HERE = new ConcurrentHashMap<>();
    /** Channels that met a lock of this JVM held through another copy of this class; closing them would drop it. */
    private static final List<FileChannel> KEPT_OPEN = new CopyOnWriteArrayList<>();

    /** Sleeps between two looks at a busy lock; tests advance their clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Clock clock;
    private final Duration wait;
    private final Duration pollEvery;
    private final Sleeper sleeper;

    /** Locks that wait up to {@code wait} for another run; {@code Duration.ZERO} gives up at once. */
    public RunLocks(Clock clock, Duration wait) {
        this(clock, wait, POLL_EVERY, d -> Thread.sleep(d.toMillis()));
    }

    public RunLocks(Clock clock, Duration wait, Duration pollEvery, Sleeper sleeper) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("a lock wait cannot be negative: " + wait);
        }
        this.clock = clock;
        this.wait = wait;
        this.pollEvery = pollEvery;
        this.sleeper = sleeper;
    }

    /**
     * These locks, waiting at least {@code minimum}: for a lock that is held only for a moment (a ledger update),
     * which even a run told not to wait for other runs' work waits for.
     */
    public RunLocks waitingAtLeast(Duration minimum) {
        return wait.compareTo(minimum) >= 0 ? this : new RunLocks(clock, minimum, pollEvery, sleeper);
    }

    /**
     * Takes the lock of {@code file} (created with its folders if need be), waiting up to the wait limit for the run
     * that holds it.
     *
     * @param purpose what the lock is taken for, for the other run's message ("download of v5.0/live.parquet")
     * @throws LockBusyException when another run still holds it after the wait, naming that run
     * @throws IOException       when the lock file cannot be created or locked
     */
    public RunLock acquire(Path file, String purpose) throws LockBusyException, IOException {
        Path dir = Files.createDirectories(file.toAbsolutePath().getParent());
        // The folder's real path, not the file's: finding that would open the file, and closing that would drop a
        // lock this process holds on it.
        Path key = dir.toRealPath().resolve(file.getFileName());
        Instant start = clock.instant();
        Waiting waiting = new Waiting(key, start);
        LockOwner me = LockOwner.thisProcess(start, purpose);
        while (HELD_HERE.putIfAbsent(key, me) != null) {
            waiting.sleepOrGiveUp(() -> Optional.ofNullable(HELD_HERE.get(key)));
        }
        FileChannel channel = null;
        boolean overlapped = false;
        try {
            channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            while (true) {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException heldByAnotherCopy) {
                    overlapped = true;
                    lock = null;
                }
                if (lock != null) {
                    try {
                        return taken(key, channel, lock, me, LockOwner.thisProcess(clock.instant(), purpose), waiting);
                    } catch (IOException | RuntimeException e) {
                        lock.release(); // the channel may be kept open below: the lock must not stay with it
                        throw e;
                    }
                }
                FileChannel open = channel;
                waiting.sleepOrGiveUp(() -> readOwner(open));
            }
        } catch (IOException | LockBusyException | RuntimeException e) {
            HELD_HERE.remove(key, me);
            if (channel != null) {
                if (overlapped) {
                    KEPT_OPEN.add(channel);
                } else {
                    closeQuietly(channel);
                }
            }
            throw e;
        }
    }

    /** Marks the lock as this run's, in the file and in this JVM's table, warning when it was taken over. */
    private RunLock taken(Path key, FileChannel channel, FileLock lock, LockOwner waiter, LockOwner me,
                          Waiting waiting) throws IOException {
        Optional<LockOwner> previous = readOwner(channel);
        if (previous.isPresent()) {
            LockOwner gone = previous.get();
            LOG.warn("Taking over {} from pid {} on {} (since {}, {}), which ended without releasing it{}", key,
                    gone.pid(), gone.host(), gone.since(), gone.purpose(),
                    gone.isGoneFromThisHost() ? " and is gone" : "");
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(me.toBytes()), 0);
        HELD_HERE.replace(key, waiter, me);
        if (waiting.announced) {
            LOG.info("Got {} after waiting {}", key,
                    Duration.between(waiting.start, clock.instant()).truncatedTo(ChronoUnit.MILLIS));
        }
        return new RunLock(key, channel, lock, me, previous, () -> HELD_HERE.remove(key, me));
    }

    /** Reads the owner through the channel this run already has open: opening another would risk a held lock. */
    private static Optional<LockOwner> readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 4096));
            channel.read(buffer, 0);
            return LockOwner.parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty(); // Windows locks are mandatory: the content of a held lock cannot be read there
        }
    }

    /** "another run holds <file> since <time>, pid <n> on <host> (<what for>)". */
    static String holder(Path file, Optional<LockOwner> owner) {
        if (owner.isEmpty()) {
            return "another run holds " + file + " (it has not written its name into the file)";
        }
        return "another run holds " + file + " " + owner.get().describe()
                + (owner.get().isThisProcess() ? ", this very process: another goal or thread of this build" : "");
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a lock file failed", e);
        }
    }

    /** One run's wait for one lock: says once who holds it, gives up at the deadline. */
    private final class Waiting {
        final Path file;
        final Instant start;
        final Instant deadline;
        int looks;
        boolean announced;

        Waiting(Path file, Instant start) {
            this.file = file;
            this.start = start;
            this.deadline = start.plus(wait);
        }

        void sleepOrGiveUp(Supplier<Optional<LockOwner>> look) throws LockBusyException, InterruptedIOException {
            Optional<LockOwner> owner = look.get();
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                // The holder writes its name just after it takes the lock: give it a moment, for the message.
                for (int i = 0; i < 3 && owner.isEmpty(); i++) {
                    sleep(NAME_GRACE);
                    owner = look.get();
                }
                throw new LockBusyException(file, owner, wait);
            }
            looks++;
            // A first look may come between the holder's lock and its name.
            if (!announced && (owner.isPresent() || looks > 2)) {
                LOG.info("Waiting up to {} for {}: {}", wait, file, holder(file, owner));
                announced = true;
            }
            sleep(left.compareTo(pollEvery) < 0 ? left : pollEvery);
        }

        private void sleep(Duration duration) throws InterruptedIOException {
            try {
                sleeper.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for " + file);
            }
        }
    }
}
