package io.tributary.coordinator;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.coordinator.delivery.BackingStreams;

/**
 * Backing streams of delivery streams, made and removed through the same rules and commands as
 * StreamAdmin's. Thread-safe (holds no state of its own).
 */
final class DeliveryBackingStreams implements BackingStreams {
  private final StreamRules rules;
  private final StreamCommands commands;
  private final StreamCatalog catalog;

  DeliveryBackingStreams(StreamRules rules, StreamCommands commands, StreamCatalog catalog) {
    this.rules = rules;
    this.commands = commands;
    this.catalog = catalog;
  }

  @Override
  public boolean exists(String stream) {
    return catalog.find(StreamRules.name(stream)).isPresent();
  }

  @Override
  public void create(String stream, int shards) {
    commands.create(rules.create(stream, shards, 0, 0, StreamRules.PROVISIONED, 0, 0));
  }

  @Override
  public void deleteIfExists(String stream) {
    try {
      commands.delete(stream);
    } catch (TributaryException e) {
      if (e.code() != ErrorCode.RESOURCE_NOT_FOUND) {
        throw e;
      }
    }
  }
}
