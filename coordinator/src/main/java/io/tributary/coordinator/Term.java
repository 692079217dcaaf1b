package io.tributary.coordinator;

/**
 * One leadership term of this coordinator: its epoch and the version the epoch node had when the
 * term began. Immutable.
 *
 * <p>Every change a leader writes checks that version in the same ZooKeeper transaction, so a leader
 * whose term was superseded cannot overwrite what a newer leader wrote.
 */
record Term(long epoch, int epochVersion) {}
