package io.github.numeraipipeline.numerai.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see the old file or the whole new one, never half of it: write a temporary file
 * beside the target, then rename it over the target. A run killed mid-write leaves only a hidden {@code .tmp}
 * file that nothing trusts.
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

    public static void write(Path target, byte[] content) throws IOException {
        write(target, (StreamContent) out -> out.write(content));
    }

    public static void write(Path target, StreamContent content) throws IOException {
        write(target, (FileContent) temporary -> {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                content.writeTo(out);
            }
        });
    }

    public static void write(Path target, FileContent content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            content.writeTo(temporary);
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Renames a finished temporary file over the target, atomically where the file system can. */
    public static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
