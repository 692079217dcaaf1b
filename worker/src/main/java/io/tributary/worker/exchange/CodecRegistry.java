package io.tributary.worker.exchange;

/** The element codec of each job, so that remote channels encode with the job's class loader. Thread-safe. */
public interface CodecRegistry {
  /** @throws ExchangeException when the job is unknown to this worker */
  ElementCodec codecFor(String jobId);
}
