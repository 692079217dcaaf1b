package io.tributary.broker.internal;

import io.tributary.broker.ReadBatch;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The read side of a Chronicle shard log: positions pooled tailers by sequence number through the
 * cycle index and copies stored records out without decoding them. Thread-safe; its owner guarantees
 * that the queue stays open and its files in place while a call runs.
 */
final class LogReader {
  private final String name;
  private final RollCycle rollCycle;
  private final TailerPool tailers;

  LogReader(String name, RollCycle rollCycle, TailerPool tailers) {
    this.name = name;
    this.rollCycle = rollCycle;
    this.tailers = tailers;
  }

  /** Reads {@code wanted} records from {@code start} (all below {@code next}), within {@code maxBytes}. */
  ReadBatch read(CycleIndex index, long start, int wanted, int maxBytes, long next, int bytesPerRecord) {
    ExcerptTailer tailer = tailers.acquire();
    boolean healthy = false;
    try {
      moveTo(tailer, index, start);
      BatchBuffer out = new BatchBuffer((int) Math.min(maxBytes, (long) wanted * (bytesPerRecord + 4)));
      int count = 0;
      long nextArrival = -1;
      while (count < wanted) {
        try (DocumentContext dc = tailer.readingDocument()) {
          Bytes<?> record = present(dc, start + count);
          int length = (int) record.readRemaining();
          if (count > 0 && out.size() + BatchBuffer.framedSize(length) > maxBytes) {
            nextArrival = RecordCodec.arrivalMillis(record);
            break;
          }
          out.append(record, length);
          count++;
        }
      }
      if (count == wanted && start + count < next) {
        nextArrival = peekArrival(tailer, start + count);
      }
      healthy = true;
      return new ReadBatch(out.toByteString(), count, start + count, nextArrival);
    } finally {
      release(tailer, healthy);
    }
  }

  /** The first sequence in {@code [low, high)} whose arrival is at or after {@code millis}, else {@code high}. */
  long firstAtOrAfter(CycleIndex index, long low, long high, long millis) {
    ExcerptTailer tailer = tailers.acquire();
    boolean healthy = false;
    try {
      while (low < high) {
        long mid = (low + high) >>> 1;
        if (arrivalAt(tailer, index, mid) >= millis) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      healthy = true;
      return low;
    } finally {
      release(tailer, healthy);
    }
  }

  /** How many of the oldest cycles, never the newest, hold only records that arrived before the cutoff. */
  int expiredCycles(CycleIndex index, long cutoffMillis) {
    ExcerptTailer tailer = tailers.acquire();
    boolean healthy = false;
    try {
      int expired = 0;
      while (expired + 1 < index.size()
          && arrivalAt(tailer, index, index.firstSequence(expired + 1) - 1) < cutoffMillis) {
        expired++;
      }
      healthy = true;
      return expired;
    } finally {
      release(tailer, healthy);
    }
  }

  /** The arrival time of record {@code sequence}, which must be stored. */
  long arrivalOf(CycleIndex index, long sequence) {
    ExcerptTailer tailer = tailers.acquire();
    boolean healthy = false;
    try {
      long arrival = arrivalAt(tailer, index, sequence);
      healthy = true;
      return arrival;
    } finally {
      release(tailer, healthy);
    }
  }

  private long arrivalAt(ExcerptTailer tailer, CycleIndex index, long sequence) {
    moveTo(tailer, index, sequence);
    return peekArrival(tailer, sequence);
  }

  private long peekArrival(ExcerptTailer tailer, long sequence) {
    try (DocumentContext dc = tailer.readingDocument()) {
      Bytes<?> record = present(dc, sequence);
      dc.rollbackOnClose();
      return RecordCodec.arrivalMillis(record);
    }
  }

  private Bytes<?> present(DocumentContext dc, long sequence) {
    if (!dc.isPresent()) {
      throw new IllegalStateException("record " + sequence + " of " + name + " cannot be read; the log is damaged");
    }
    return dc.wire().bytes();
  }

  private void moveTo(ExcerptTailer tailer, CycleIndex index, long sequence) {
    int position = index.positionOf(sequence);
    if (position < 0) {
      throw new IllegalStateException("sequence " + sequence + " is before the first roll cycle of " + name);
    }
    long chronicleIndex = rollCycle.toIndex(index.cycle(position), sequence - index.firstSequence(position));
    if (!tailer.moveToIndex(chronicleIndex)) {
      throw new IllegalStateException(
          "record " + sequence + " of " + name + " is not at Chronicle index " + Long.toHexString(chronicleIndex)
              + "; the log is damaged");
    }
  }

  /** A tailer that failed midway may be in any state, so it is closed rather than reused. */
  private void release(ExcerptTailer tailer, boolean healthy) {
    if (healthy) {
      tailers.release(tailer);
    } else {
      tailer.close();
    }
  }
}
