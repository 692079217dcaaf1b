package io.tributary.coordinator;

import io.tributary.common.config.Configuration;

/** A coordinator's validated configuration. Immutable. */
public final class CoordinatorConfig {
  public CoordinatorConfig(Configuration configuration) {}
}
