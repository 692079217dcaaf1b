package io.tributary.cli.local;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.quorum.QuorumPeer;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.server.quorum.QuorumPeerMain;

/**
 * One server of a ZooKeeper ensemble running in this JVM ({@link QuorumPeerMain} on its own
 * thread), serving clients on one address with the admin server off. Thread-safe.
 * <p>Starting returns only once the server has joined a quorum and serves clients, so that a
 * READY line means the ensemble can be used; before that, ZooKeeper drops client connections.
 */
public final class EnsembleZooKeeper implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(EnsembleZooKeeper.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);
  private static final long POLL_MILLIS = 50;

  private final Peer main;
  private final Thread thread;
  private final long id;
  private final String connectString;

  private EnsembleZooKeeper(Peer main, Thread thread, long id, String connectString) {
    this.main = main;
    this.thread = thread;
    this.id = id;
    this.connectString = connectString;
  }

  /**
   * Starts server {@code id} (1-based position in {@code members}) keeping its data in {@code dir}
   * and serving clients on {@code host:port}, and waits (bounded) until it is in a quorum.
   */
  public static EnsembleZooKeeper start(
      Path dir, String host, int port, int id, List<EnsembleMember> members, Duration startWait) {
    QuorumPeerConfig config = config(dir, host, port, id, members);
    Peer main = new Peer();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> run(main, config, failure), "zookeeper-peer-" + id);
    thread.setDaemon(true);
    thread.start();
    String where = "server " + id + " at " + host + ":" + port + " with data in " + dir;
    awaitQuorum(main, failure, where, startWait);
    EnsembleZooKeeper zk = new EnsembleZooKeeper(main, thread, id, host + ":" + port);
    LOG.info("ZooKeeper {} serving at {} as {} of an ensemble of {}",
        id, zk.connectString, main.peer.get().getServerState(), members.size());
    return zk;
  }

  public long id() {
    return id;
  }

  /** The address clients use for this server, {@code HOST:PORT}. */
  public String connectString() {
    return connectString;
  }

  /** Stops this server (bounded wait); its data stays in the directory. */
  @Override
  public void close() {
    main.close();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("ZooKeeper server {} did not stop within {}s", id, STOP_WAIT.toSeconds());
    }
  }

  static QuorumPeerConfig config(Path dir, String host, int port, int id, List<EnsembleMember> members) {
    if (id < 1 || id > members.size()) {
      throw new IllegalArgumentException("server id " + id + " is not in the ensemble of " + members.size()
          + "; use 1 to " + members.size() + " (server N is the Nth ensemble entry)");
    }
    try {
      writeMyId(dir, id);
      Properties props = new Properties();
      props.setProperty("dataDir", dir.toAbsolutePath().toString());
      props.setProperty("clientPort", Integer.toString(port));
      props.setProperty("clientPortAddress", host);
      // As for the standalone server: a short tick allows session timeouts from 1 s to 60 s.
      props.setProperty("tickTime", "500");
      props.setProperty("initLimit", "20");
      props.setProperty("syncLimit", "10");
      props.setProperty("minSessionTimeout", "1000");
      props.setProperty("maxSessionTimeout", "60000");
      props.setProperty("admin.enableServer", "false");
      for (int i = 0; i < members.size(); i++) {
        props.setProperty("server." + (i + 1), members.get(i).serverLine());
      }
      QuorumPeerConfig config = new QuorumPeerConfig();
      config.parseProperties(props);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare ZooKeeper directory " + dir + ": " + e.getMessage(), e);
    } catch (QuorumPeerConfig.ConfigException e) {
      throw new IllegalArgumentException("invalid ZooKeeper ensemble settings: " + e.getMessage(), e);
    }
  }

  /** A data directory keeps the id it was created with: its snapshots belong to that server. */
  private static void writeMyId(Path dir, int id) throws IOException {
    Files.createDirectories(dir);
    Path myId = dir.resolve("myid");
    if (Files.exists(myId)) {
      String existing = Files.readString(myId, StandardCharsets.US_ASCII).strip();
      if (!existing.equals(Integer.toString(id))) {
        throw new IllegalArgumentException("data directory " + dir + " belongs to ZooKeeper server " + existing
            + ", not " + id + "; start it with --id " + existing + " or use another --dir");
      }
      return;
    }
    Files.writeString(myId, id + "\n", StandardCharsets.US_ASCII);
  }

  private static void run(Peer main, QuorumPeerConfig config, AtomicReference<Throwable> failure) {
    try {
      main.runFromConfig(config);
    } catch (Exception | Error e) {
      failure.set(e);
    }
  }

  private static void awaitQuorum(Peer main, AtomicReference<Throwable> failure, String where, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!main.serving()) {
      Throwable error = failure.get();
      if (error != null) {
        main.close();
        throw new TributaryException(ErrorCode.UNAVAILABLE,
            "ZooKeeper did not start as " + where + ": " + error.getMessage(), error);
      }
      if (System.nanoTime() - deadline > 0) {
        main.close();
        throw Errors.unavailable("ZooKeeper " + where + " did not join a quorum within " + wait.toSeconds()
            + "s; start a majority of the ensemble's servers and check that they reach each other's ports");
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        main.close();
        Thread.currentThread().interrupt();
        throw Errors.unavailable("interrupted while starting ZooKeeper " + where);
      }
    }
  }

  /** Keeps the peer the main creates, to tell when it serves clients. */
  private static final class Peer extends QuorumPeerMain {
    private final AtomicReference<QuorumPeer> peer = new AtomicReference<>();

    @Override
    protected QuorumPeer getQuorumPeer() throws javax.security.sasl.SaslException {
      QuorumPeer created = super.getQuorumPeer();
      peer.set(created);
      return created;
    }

    boolean serving() {
      QuorumPeer current = peer.get();
      if (current == null) {
        return false;
      }
      ZooKeeperServer server = current.getActiveServer();
      return server != null && server.isRunning();
    }
  }
}
