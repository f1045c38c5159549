package io.github.numeraipipeline.numerai.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exclusive lock on a file, held by this run until {@link #close()}; taken with {@link RunLocks#acquire}, where
 * the rules are. Released cleanly it leaves an empty lock file behind, so that only a run that ended without
 * releasing leaves its name in it.
 */
public final class RunLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final LockOwner owner;
    private final Optional<LockOwner> takenOverFrom;
    private final Runnable forget;
    private boolean released;

    RunLock(Path file, FileChannel channel, FileLock lock, LockOwner owner, Optional<LockOwner> takenOverFrom,
            Runnable forget) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.owner = owner;
        this.takenOverFrom = takenOverFrom;
        this.forget = forget;
    }

    /** This run, as the lock file names it. */
    public LockOwner owner() {
        return owner;
    }

    /** The run that had left its name in the lock file without releasing it (killed, crashed), if any. */
    public Optional<LockOwner> takenOverFrom() {
        return takenOverFrom;
    }

    /** Empties the lock file, then releases the lock; a failure to empty it only costs the next run a warning. */
    @Override
    public synchronized void close() {
        if (released) {
            return;
        }
        released = true;
        try {
            channel.truncate(0);
        } catch (IOException e) {
            LOG.debug("Could not empty {}", file, e);
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("Could not release {}; closing the file releases it", file, e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Could not close {} cleanly ({}); its lock ends with this process", file, e.toString());
        }
        forget.run(); // only now may another thread of this JVM open the file
    }
}
