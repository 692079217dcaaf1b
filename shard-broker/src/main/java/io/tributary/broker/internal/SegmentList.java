package io.tributary.broker.internal;

import io.tributary.common.io.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The pointer file {@code <shard>/segments} that names a shard log's live segments, oldest first,
 * and the directories around it. Stateless; its caller serializes writes.
 *
 * <p>The file is replaced atomically (temp file, fsync, rename, directory fsync), so a crash leaves
 * either the old or the new chain; a segment directory it does not name is a leftover of an
 * interrupted truncation or reset and is deleted when the log opens.
 *
 * <p>Format: a comment line, {@code start <seq>} (where an empty chain continues), then one
 * {@code segment <directory> <epoch> <baseSequence>} line per segment.
 */
final class SegmentList {
  static final String FILE = "segments";
  static final String TEMP_FILE = "segments.tmp";
  private static final Logger LOG = LogManager.getLogger(SegmentList.class);
  private static final String HEADER = "# live segments of this shard's log, oldest first: directory epoch base";

  /** What the pointer file says. Immutable. */
  record Listing(long start, List<SegmentEntry> segments) {
    static final Listing NEW = new Listing(0, List.of());
  }

  private SegmentList() {}

  /** The listing of {@code shardDir}; a new shard (no pointer file, no queue files) starts empty at 0. */
  static Listing read(Path shardDir, String name) {
    Path file = shardDir.resolve(FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      refuseOlderLayout(shardDir, name);
      return Listing.NEW;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(lines, file, name);
  }

  private static Listing parse(List<String> lines, Path file, String name) {
    long start = -1;
    List<SegmentEntry> segments = new ArrayList<>();
    try {
      for (String line : lines) {
        String[] words = line.trim().split(" ");
        if (words[0].isEmpty() || words[0].startsWith("#")) {
          continue;
        }
        if (words[0].equals("start") && words.length == 2) {
          start = Long.parseLong(words[1]);
        } else if (words[0].equals("segment") && words.length == 4 && !words[1].contains("/")) {
          segments.add(new SegmentEntry(words[1], Long.parseLong(words[2]), Long.parseLong(words[3])));
        } else {
          throw new NumberFormatException("unexpected line '" + line + "'");
        }
      }
    } catch (NumberFormatException e) {
      throw damaged(file, name, e.getMessage());
    }
    if (start < 0) {
      throw damaged(file, name, "it has no start line");
    }
    return new Listing(start, List.copyOf(segments));
  }

  /** Replaces the pointer file durably with {@code listing}. */
  static void write(Path shardDir, Listing listing) {
    StringBuilder text = new StringBuilder(HEADER).append('\n').append("start ").append(listing.start()).append('\n');
    for (SegmentEntry s : listing.segments()) {
      text.append("segment ").append(s.directory()).append(' ').append(s.epoch()).append(' ')
          .append(s.baseSequence()).append('\n');
    }
    Path temp = shardDir.resolve(TEMP_FILE);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          out.write(bytes);
        }
        out.force(true);
      }
      Files.move(temp, shardDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the segment list of " + shardDir + ": " + e.getMessage(), e);
    }
    forceDirectory(shardDir);
  }

  /** Deletes segment directories the listing does not name, and a temp file of an interrupted write. */
  static void removeLeftovers(Path shardDir, Listing listing, String name) {
    Set<String> live = listing.segments().stream().map(SegmentEntry::directory).collect(Collectors.toSet());
    try (Stream<Path> entries = Files.list(shardDir)) {
      for (Path entry : entries.toList()) {
        String file = entry.getFileName().toString();
        if (Files.isDirectory(entry) && !live.contains(file)) {
          LOG.info("deleting {}, a segment of {} left over by an interrupted truncation", entry, name);
          Directories.deleteRecursively(entry);
        } else if (file.equals(TEMP_FILE)) {
          Files.delete(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean up " + shardDir + ": " + e.getMessage(), e);
    }
  }

  /** A directory name for a new segment, {@code <epoch>-<base>}, suffixed if a segment had it before. */
  static String freshDirectory(Path shardDir, long epoch, long baseSequence) {
    String plain = epoch + "-" + baseSequence;
    String candidate = plain;
    for (int n = 1; Files.exists(shardDir.resolve(candidate)); n++) {
      candidate = plain + "." + n;
    }
    return candidate;
  }

  /** Flushes every file of a segment directory, and the directory, to the device. */
  static void forceTree(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
          channel.force(true);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush " + dir + " to disk: " + e.getMessage(), e);
    }
    forceDirectory(dir);
  }

  /**
   * Makes renames and new entries in {@code dir} durable. Some platforms cannot open a directory
   * for this; there the file system's own ordering is all there is, so the refusal is only noted.
   */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.debug("this platform cannot flush directory {}: {}", dir, e.toString());
    }
  }

  private static void refuseOlderLayout(Path shardDir, String name) {
    try (Stream<Path> entries = Files.list(shardDir)) {
      if (entries.anyMatch(p -> p.getFileName().toString().endsWith(".cq4"))) {
        throw new IllegalStateException("the log of " + name + " in " + shardDir + " has queue files but no segment "
            + "list (an older layout); move the directory aside to start the shard empty and let it copy from "
            + "its leader");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + shardDir + ": " + e.getMessage(), e);
    }
  }

  private static IllegalStateException damaged(Path file, String name, String what) {
    return new IllegalStateException("the segment list " + file + " of " + name + " is damaged: " + what
        + "; move the shard's directory aside to start it empty and let it copy from its leader");
  }
}
