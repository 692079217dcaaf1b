package io.tributary.client.app;

import io.tributary.proto.v1.ShardInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one instance does in a balancing round: the free leasable shards to take and its own leases
 * to give up. Immutable; computed from one snapshot of the stream and ZooKeeper.
 *
 * <p>A shard is leasable unless its checkpoint is SHARD_END, and only once every parent still in
 * the stream is checkpointed at SHARD_END (lineage order). Each live member's fair share is
 * ceil(leasable / members). An instance takes free shards up to its share, but not while another
 * member holds fewer leases than it does; it gives leases up above its share, or one when it holds
 * two more than the least loaded member, so leases end up spread within one of each other.
 */
record LeasePlan(List<String> take, List<String> release, int leasable, int share) {

  static LeasePlan compute(String self, List<ShardInfo> shards, Map<String, String> checkpoints,
      Map<String, String> leaseOwners, List<String> members) {
    Set<String> present = new HashSet<>();
    shards.forEach(s -> present.add(s.getShardId()));
    List<String> leasable = new ArrayList<>();
    for (ShardInfo s : shards) {
      if (!LeaseStore.SHARD_END.equals(checkpoints.get(s.getShardId())) && parentsDone(s, present, checkpoints)) {
        leasable.add(s.getShardId());
      }
    }
    Set<String> live = new HashSet<>(members);
    live.add(self);
    Map<String, Integer> counts = new HashMap<>();
    live.forEach(m -> counts.put(m, 0));
    List<String> mine = new ArrayList<>();
    List<String> free = new ArrayList<>();
    for (String shard : leasable) {
      String owner = leaseOwners.get(shard);
      if (owner == null) {
        free.add(shard);
      } else {
        counts.merge(owner, 1, Integer::sum);
        if (owner.equals(self)) {
          mine.add(shard);
        }
      }
    }
    int share = (leasable.size() + live.size() - 1) / live.size();
    int othersMin = counts.entrySet().stream().filter(e -> !e.getKey().equals(self))
        .mapToInt(Map.Entry::getValue).min().orElse(Integer.MAX_VALUE);
    List<String> release = new ArrayList<>();
    if (mine.size() > share) {
      release.addAll(mine.subList(share, mine.size()));
    } else if (free.isEmpty() && othersMin != Integer.MAX_VALUE && mine.size() >= othersMin + 2) {
      release.add(mine.get(mine.size() - 1));
    }
    List<String> take = new ArrayList<>();
    if (release.isEmpty()) {
      // instances start at different free shards, so that they rarely race for the same one
      free.sort(Comparator.comparingInt(s -> (s + "/" + self).hashCode()));
      int held = mine.size();
      for (String shard : free) {
        if (held >= share || held > othersMin) {
          break;
        }
        take.add(shard);
        held++;
      }
    }
    return new LeasePlan(List.copyOf(take), List.copyOf(release), leasable.size(), share);
  }

  private static boolean parentsDone(ShardInfo s, Set<String> present, Map<String, String> checkpoints) {
    for (String parent : s.getParentShardIdsList()) {
      if (present.contains(parent) && !LeaseStore.SHARD_END.equals(checkpoints.get(parent))) {
        return false;
      }
    }
    return true;
  }
}
