package io.tributary.worker.connectors;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Idempotent producer ids of exactly-once sink subtasks. Stateless.
 *
 * <p>The id depends on the job, the sink's uid, the subtask and the checkpoint the run restored
 * from, so it is the same whenever the job replays from the same checkpoint (its sequences start
 * again at 1 and brokers drop what that replay already wrote at the end of input) and new after
 * every restore from a later one. That keeps numbering independent of which subtask list state
 * hands earlier committables to: they keep their own ids.
 */
final class SinkProducerIds {
  private SinkProducerIds() {}

  static long of(String jobId, String sinkUid, int subtask, long restoredCheckpointId) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM lacks SHA-256, which every Java platform must provide", e);
    }
    byte[] digest = sha.digest((jobId + '\n' + sinkUid + '\n' + subtask + '\n' + restoredCheckpointId)
        .getBytes(StandardCharsets.UTF_8));
    long id = 0;
    for (int i = 0; i < 8; i++) {
      id = (id << 8) | (digest[i] & 0xff);
    }
    id &= Long.MAX_VALUE;
    return id == 0 ? 1 : id;
  }
}
