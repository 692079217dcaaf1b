package io.tributary.broker.internal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueStore;

/**
 * The files of a queue's roll cycles: how many bytes each holds, and deleting one. Thread-safe.
 *
 * <p>Cycle files are sparse and preallocated, so their length says little; the store's write
 * position is what they hold. Completed cycles never change, so their size is measured once.
 */
final class CycleFiles {
  private final SingleChronicleQueue queue;
  private final Map<Integer, Long> completedBytes = new ConcurrentHashMap<>();

  CycleFiles(SingleChronicleQueue queue) {
    this.queue = queue;
  }

  long bytes(int cycle, boolean completed) {
    Long known = completed ? completedBytes.get(cycle) : null;
    if (known != null) {
      return known;
    }
    SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
    if (store == null) {
      return 0;
    }
    try {
      long bytes = store.writePosition();
      if (completed) {
        completedBytes.put(cycle, bytes);
      }
      return bytes;
    } finally {
      queue.closeStore(store);
    }
  }

  /** Deletes a cycle's file; Chronicle keeps mapped pages valid until it lets go of them. */
  void delete(int cycle) {
    completedBytes.remove(cycle);
    SingleChronicleQueueStore store = queue.storeForCycle(cycle, queue.epoch(), false, null);
    if (store == null) {
      return;
    }
    File file;
    try {
      file = store.file();
    } finally {
      queue.closeStore(store);
    }
    try {
      Files.deleteIfExists(file.toPath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete roll cycle file " + file + ": " + e.getMessage(), e);
    }
  }
}
