package io.tributary.coordinator;

/**
 * A change was refused because a newer leadership term began in ZooKeeper. Immutable.
 *
 * <p>It never reaches a client: the coordinator stands down and answers NotLeader instead, so it is
 * kept apart from the shared error vocabulary.
 */
final class FencedOutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  FencedOutException(Term term) {
    super("leadership term with epoch " + term.epoch() + " was superseded by a newer leader");
  }
}
