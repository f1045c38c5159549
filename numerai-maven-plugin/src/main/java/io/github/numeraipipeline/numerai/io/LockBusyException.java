package io.github.numeraipipeline.numerai.io;

import io.github.numeraipipeline.numerai.NumeraiException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Another run held a {@link RunLock} for longer than this run would wait. Expected when two runs overlap: the
 * message says which run holds it and how to wait longer.
 */
public class LockBusyException extends NumeraiException {
    private static final long serialVersionUID = 1L;

    private final transient LockOwner owner;

    LockBusyException(Path file, Optional<LockOwner> owner, Duration waited) {
        super(RunLocks.holder(file, owner) + "; " + (waited.isZero() ? "not waiting for it (numerai.lockWait=PT0S)"
                : "gave up after waiting " + waited + " (numerai.lockWait)"));
        this.owner = owner.orElse(null);
    }

    /** The run that held it, when its lock file said. */
    public Optional<LockOwner> owner() {
        return Optional.ofNullable(owner);
    }
}
