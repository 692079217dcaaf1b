package io.tributary.delivery.destination;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes each batch as the file {@code <directory>/<key>}: through a hidden temp file in the same
 * directory, fsync, then an atomic rename over any earlier copy, then an fsync of the directory.
 * Confined to one delivering thread. Readers never see a partial file, and a batch written again
 * after a recovery replaces its earlier copy with the same bytes, so delivery is idempotent.
 */
final class FileDestination implements Destination {
  private final Path root;
  private final String description;

  FileDestination(Path root, String description) {
    this.root = root.toAbsolutePath().normalize();
    this.description = description;
  }

  @Override
  public void deliver(DeliveryBatch batch) throws IOException {
    Path target = root.resolve(batch.key()).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw new IOException("file destination " + description + ": object key '" + batch.key()
          + "' leaves the directory; change the prefix so it has no '..' segments");
    }
    byte[] body = batch.body() == null ? new byte[0] : batch.body();
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        writeDurably(temp, body);
        moveAtomically(temp, target);
      } finally {
        Files.deleteIfExists(temp);
      }
      forceDirectory(dir);
    } catch (IOException e) {
      throw new IOException("file destination " + description + ": cannot write " + target + " (" + e + ")", e);
    }
  }

  private static void writeDurably(Path file, byte[] body) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buf = ByteBuffer.wrap(body);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static void moveAtomically(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system cannot rename atomically; deliver to a local directory", e);
    }
  }

  /** Makes the rename itself durable: the new name lives in the directory's own data. */
  private static void forceDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  @Override
  public String describe() {
    return description;
  }
}
