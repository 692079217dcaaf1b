package io.tributary.coordinator.jobs;

import io.tributary.common.jobs.CheckpointMetadata;
import java.nio.file.Path;

/**
 * A checkpoint or savepoint every subtask acknowledged: its directory and metadata. Immutable.
 *
 * <p>Only once its {@code _metadata} is written may it be restored from or committed by sinks.
 */
record CompletedCheckpoint(long id, Path dir, long completionTimeMs, boolean savepoint, CheckpointMetadata metadata) {}
