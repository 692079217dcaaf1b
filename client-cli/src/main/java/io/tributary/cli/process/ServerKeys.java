package io.tributary.cli.process;

/**
 * Names of the server configuration keys the launcher sets that are declared by the broker and
 * coordinator modules (the shared ones come from {@code CommonKeys}). Constants only.
 */
public final class ServerKeys {
  public static final String BROKER_ID = "broker.id";
  public static final String QUOTA_ENABLED = "quota.enabled";
  public static final String COORDINATOR_ID = "coordinator.id";

  private ServerKeys() {}
}
