package io.tributary.common.zk;

/** The JSON values processes publish in ZooKeeper about themselves (see {@link ZkPaths}). */
public final class Registrations {
  private Registrations() {}

  /** Data of the ephemeral node {@link ZkPaths#broker(int)}. */
  public record Broker(int id, String address) {}

  /** Data of the ephemeral node {@link ZkPaths#coordinatorMember(String)}. */
  public record Coordinator(String id, String address) {}

  /** Data of the ephemeral node {@link ZkPaths#coordinatorLeader()}, written by the elected leader. */
  public record Leader(String id, String address, long epoch) {}

  /** Data of the ephemeral node {@link ZkPaths#worker(String)}: where to deploy and how many task slots. */
  public record Worker(String id, String address, int slots) {}
}
