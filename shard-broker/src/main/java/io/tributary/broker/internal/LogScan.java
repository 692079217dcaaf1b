package io.tributary.broker.internal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * What a shard log learns about its queue when it opens: the first sequence number of every roll
 * cycle, and the last record. Reads one record per cycle plus the last one, never the whole log.
 * Immutable.
 */
record LogScan(CycleIndex cycles, long nextSequence, long lastArrival) {
  /** Scans {@code queue}; an empty one continues at {@code baseSequence}. */
  static LogScan of(SingleChronicleQueue queue, String name, long baseSequence) {
    if (queue.lastIndex() < 0) {
      return new LogScan(CycleIndex.EMPTY, baseSequence, -1);
    }
    RollCycle rollCycle = queue.rollCycle();
    ExcerptTailer tailer = queue.createTailer();
    try {
      CycleIndex cycles = CycleIndex.EMPTY;
      for (Long cycle : queue.listCyclesBetween(queue.firstCycle(), queue.lastCycle())) {
        int c = cycle.intValue();
        if (tailer.moveToIndex(rollCycle.toIndex(c, 0))) {
          cycles = cycles.plus(c, readSequence(tailer, name));
        }
      }
      checkCyclesAreContiguous(tailer, cycles, name);
      long lastIndex = queue.lastIndex();
      if (!tailer.moveToIndex(lastIndex)) {
        throw damaged(name, "its last index " + Long.toHexString(lastIndex) + " cannot be read");
      }
      try (DocumentContext dc = tailer.readingDocument()) {
        long sequence = RecordCodec.sequenceNumber(dc.wire().bytes());
        long arrival = RecordCodec.arrivalMillis(dc.wire().bytes());
        int position = cycles.positionOf(sequence);
        if (position != cycles.size() - 1
            || rollCycle.toSequenceNumber(lastIndex) != sequence - cycles.firstSequence(position)) {
          throw damaged(name, "its last record " + sequence + " is not where its numbering puts it");
        }
        return new LogScan(cycles, sequence + 1, arrival);
      }
    } finally {
      tailer.close();
    }
  }

  private static long readSequence(ExcerptTailer tailer, String name) {
    try (DocumentContext dc = tailer.readingDocument()) {
      if (!dc.isPresent()) {
        throw damaged(name, "the first record of a roll cycle cannot be read");
      }
      return RecordCodec.sequenceNumber(dc.wire().bytes());
    }
  }

  private static void checkCyclesAreContiguous(ExcerptTailer tailer, CycleIndex cycles, String name) {
    for (int i = 0; i + 1 < cycles.size(); i++) {
      long stored = tailer.excerptsInCycle(cycles.cycle(i));
      long expected = cycles.firstSequence(i + 1) - cycles.firstSequence(i);
      if (stored != expected) {
        throw damaged(
            name, "roll cycle " + cycles.cycle(i) + " holds " + stored + " records but its numbering says "
                + expected);
      }
    }
  }

  private static IllegalStateException damaged(String name, String what) {
    return new IllegalStateException(
        "the log of " + name + " is damaged: " + what + "; move its directory aside to start the shard empty");
  }
}
