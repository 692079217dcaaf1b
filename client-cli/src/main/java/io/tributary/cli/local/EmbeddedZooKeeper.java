package io.tributary.cli.local;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.zookeeper.server.ServerConfig;
import org.apache.zookeeper.server.ZooKeeperServerMain;
import org.apache.zookeeper.server.quorum.QuorumPeerConfig;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * A single-node ZooKeeper server running in this JVM ({@link ZooKeeperServerMain} on its own
 * thread), bound to one address with the admin server off. For development and {@code trib local}
 * only: a production cluster runs a ZooKeeper ensemble. Thread-safe.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(EmbeddedZooKeeper.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final Server server;
  private final Thread thread;
  private final String host;

  private EmbeddedZooKeeper(Server server, Thread thread, String host) {
    this.server = server;
    this.thread = thread;
    this.host = host;
  }

  /**
   * Starts a server keeping its data in {@code dir}, on {@code host:port} (port 0 picks a free one),
   * and returns once it accepts connections.
   *
   * @param sharedJvm true when other services share this JVM: a fatal ZooKeeper error is then
   *     logged instead of exiting the process
   */
  public static EmbeddedZooKeeper start(Path dir, String host, int port, boolean sharedJvm, Duration startWait) {
    if (sharedJvm) {
      ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
    }
    ServerConfig config = config(dir, host, port);
    Server server = new Server();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = new Thread(() -> run(server, config, failure), "zookeeper-server");
    thread.setDaemon(true);
    thread.start();
    awaitStart(server, failure, host + ":" + port + " with data in " + dir, startWait);
    EmbeddedZooKeeper zk = new EmbeddedZooKeeper(server, thread, host);
    LOG.info("ZooKeeper serving at {} with data in {}", zk.connectString(), dir);
    return zk;
  }

  public int port() {
    return server.getClientPort();
  }

  /** The connect string clients use, {@code HOST:PORT}. */
  public String connectString() {
    return host + ":" + port();
  }

  /** Stops the server (bounded wait); its data stays in the directory. */
  @Override
  public void close() {
    server.stop();
    try {
      thread.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("ZooKeeper did not stop within {}s", STOP_WAIT.toSeconds());
    }
  }

  private static ServerConfig config(Path dir, String host, int port) {
    try {
      Files.createDirectories(dir);
      Properties props = new Properties();
      props.setProperty("dataDir", dir.toAbsolutePath().toString());
      props.setProperty("clientPort", Integer.toString(port));
      props.setProperty("clientPortAddress", host);
      // A short tick lets processes choose session timeouts from 1 s (fast failover in tests) to 60 s.
      props.setProperty("tickTime", "500");
      props.setProperty("minSessionTimeout", "1000");
      props.setProperty("maxSessionTimeout", "60000");
      props.setProperty("admin.enableServer", "false");
      QuorumPeerConfig quorum = new QuorumPeerConfig();
      quorum.parseProperties(props);
      ServerConfig config = new ServerConfig();
      config.readFrom(quorum);
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create ZooKeeper directory " + dir + ": " + e.getMessage(), e);
    } catch (QuorumPeerConfig.ConfigException e) {
      throw new IllegalArgumentException("invalid ZooKeeper settings: " + e.getMessage(), e);
    }
  }

  private static void run(Server server, ServerConfig config, AtomicReference<Throwable> failure) {
    try {
      server.runFromConfig(config);
    } catch (Exception | Error e) {
      failure.set(e);
      server.started.countDown();
    }
  }

  private static void awaitStart(Server server, AtomicReference<Throwable> failure, String where, Duration wait) {
    boolean started;
    try {
      started = server.started.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      server.stop();
      Thread.currentThread().interrupt();
      throw Errors.unavailable("interrupted while starting ZooKeeper on " + where);
    }
    Throwable error = failure.get();
    if (error != null) {
      throw new TributaryException(ErrorCode.UNAVAILABLE,
          "ZooKeeper did not start on " + where + ": " + error.getMessage(), error);
    }
    if (!started) {
      server.stop();
      throw Errors.unavailable("ZooKeeper did not start within " + wait.toSeconds() + "s on " + where);
    }
  }

  /** Exposes the start notification and the protected shutdown of the server main. */
  private static final class Server extends ZooKeeperServerMain {
    private final CountDownLatch started = new CountDownLatch(1);

    @Override
    protected void serverStarted() {
      started.countDown();
    }

    void stop() {
      shutdown();
    }
  }
}
