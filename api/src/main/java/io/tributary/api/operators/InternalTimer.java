package io.tributary.api.operators;

/**
 * A timer of an operator: fires at {@code time} for {@code key}; {@code namespace} tells an
 * operator's own timers apart (a window, a join side), null for the user's timers. Immutable.
 */
public record InternalTimer(Object key, Object namespace, long time) {}
