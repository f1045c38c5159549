package io.github.numeraipipeline.numerai.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that readers see the old file or the whole new one, never half of it, even after a crash or a
 * power cut: write a temporary file beside the target, force its content to disk, rename it over the target, then
 * force the directory so that the rename itself is on disk. A run killed mid-write leaves only a hidden
 * {@code .tmp} file that nothing trusts.
 *
 * <p>New files get the permissions the user's umask gives any new file: a report or a predictions file is as
 * readable as the user's other files. (No file the goals write holds keys.)
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    /** Fills the temporary file it is given (it exists, empty), by path: for writers that open files themselves. */
    @FunctionalInterface
    public interface FileContent {
        void writeTo(Path temporary) throws IOException;
    }

    /** Writes the content to a stream. */
    @FunctionalInterface
    public interface StreamContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** How a finished file and its directory entry reach the disk: the seam tests watch. */
    public interface Disk {
        void forceFile(Path file) throws IOException;

        void forceDirectory(Path directory) throws IOException;

        /** The disk itself: {@code fsync} of the file, then of the directory where the OS allows it. */
        Disk SYSTEM = new Disk() {
            @Override
            public void forceFile(Path file) throws IOException {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            }

            @Override
            public void forceDirectory(Path directory) throws IOException {
                try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
                    channel.force(true);
                } catch (IOException notOnThisOs) {
                    // Windows cannot open a directory as a channel; NTFS journals the rename itself.
                }
            }
        };
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, (StreamContent) out -> out.write(content));
    }

    public static void write(Path target, StreamContent content) throws IOException {
        write(target, asFile(content));
    }

    public static void write(Path target, FileContent content) throws IOException {
        write(target, content, Disk.SYSTEM);
    }

    /** The whole write, forcing to {@code disk}. */
    static void write(Path target, FileContent content, Disk disk) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = createTemporary(dir, target.getFileName().toString());
        try {
            content.writeTo(temporary);
            moveIntoPlace(temporary, target, disk);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Forces a finished temporary file to disk and renames it over the target, atomically where it can. */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        moveIntoPlace(temporary, target, Disk.SYSTEM);
    }

    static void moveIntoPlace(Path temporary, Path target, Disk disk) throws IOException {
        disk.forceFile(temporary);
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        disk.forceDirectory(target.toAbsolutePath().getParent());
    }

    private static FileContent asFile(StreamContent content) {
        return temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
        };
    }

    /**
     * A new empty file beside the target. Not {@code Files.createTempFile}: that makes every file 0600, whatever
     * the umask, and the predictions and reports would then be unreadable to the user's group.
     */
    private static Path createTemporary(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temporary = dir.resolve("." + name + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                Files.newByteChannel(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)).close();
                return temporary;
            } catch (FileAlreadyExistsException taken) {
                if (attempt > 100) {
                    throw taken;
                }
            }
        }
    }
}
