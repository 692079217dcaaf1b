package io.tributary.broker;

import io.tributary.common.config.Configuration;

/** A broker's validated configuration. Immutable. */
public final class BrokerConfig {
  public BrokerConfig(Configuration configuration) {}
}
