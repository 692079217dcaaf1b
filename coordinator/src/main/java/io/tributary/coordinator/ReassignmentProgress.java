package io.tributary.coordinator;

import io.tributary.common.error.TributaryException;

/**
 * One progress report of a drain or rebalance: moves planned and finished, the move it concerns
 * (or null), a line for people, and on the last report {@code done} with the error that stopped the
 * work early (or null). Immutable.
 */
record ReassignmentProgress(int planned, int finished, ReassignmentPlanner.Move move, String message, boolean done,
    TributaryException error) {}
