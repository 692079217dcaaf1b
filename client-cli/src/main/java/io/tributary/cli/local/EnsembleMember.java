package io.tributary.cli.local;

import java.util.ArrayList;
import java.util.List;

/**
 * One server of a ZooKeeper ensemble as every member names it: the host and the two ports the
 * members talk on (followers to the leader, and leader election). Immutable.
 */
public record EnsembleMember(String host, int peerPort, int electionPort) {
  private static final String FORMAT = "HOST:PEER_PORT:ELECTION_PORT";

  public EnsembleMember {
    if (host.isBlank()) {
      throw new IllegalArgumentException("an ensemble member has no host; write it as " + FORMAT);
    }
  }

  /**
   * Parses {@code HOST:PEER:ELECTION[,...]}; server N is the Nth entry. Throws
   * IllegalArgumentException naming the bad entry.
   */
  public static List<EnsembleMember> parseList(String text) {
    List<EnsembleMember> members = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      members.add(parse(entry.strip()));
    }
    return List.copyOf(members);
  }

  static EnsembleMember parse(String entry) {
    String[] parts = entry.split(":", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("ensemble member '" + entry + "' is not " + FORMAT);
    }
    return new EnsembleMember(parts[0], port(entry, parts[1]), port(entry, parts[2]));
  }

  private static int port(String entry, String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // Reported below with the entry it came from.
    }
    throw new IllegalArgumentException(
        "ensemble member '" + entry + "' has port '" + text + "'; use 1 to 65535 (" + FORMAT + ")");
  }

  /** The value of a {@code server.N} line of the ZooKeeper configuration. */
  String serverLine() {
    return host + ":" + peerPort + ":" + electionPort;
  }
}
