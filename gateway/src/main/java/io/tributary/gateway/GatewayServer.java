package io.tributary.gateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The Kinesis/Firehose-compatible HTTP endpoint: Netty event loops for I/O and a bounded pool of
 * handler threads for the operations. Thread-safe. Stateless towards the cluster, so several may run
 * behind one balancer.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(GatewayServer.class);
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ThreadPoolExecutor handlers;
  private final Channel channel;

  private GatewayServer(EventLoopGroup boss, EventLoopGroup workers, ThreadPoolExecutor handlers, Channel channel) {
    this.boss = boss;
    this.workers = workers;
    this.handlers = handlers;
    this.channel = channel;
  }

  /**
   * Binds and serves {@code operations} without checking signatures, for tests and embedding behind
   * a trusted front; returns once the port is bound.
   */
  public static GatewayServer start(GatewaySettings settings, OperationTable operations, Clock clock) {
    return start(settings, GatewayAuth.unsigned(), operations, clock);
  }

  /** Binds and serves {@code operations} to requests that pass {@code auth}; returns once the port is bound. */
  public static GatewayServer start(
      GatewaySettings settings, GatewayAuth auth, OperationTable operations, Clock clock) {
    ThreadPoolExecutor handlers = new ThreadPoolExecutor(settings.handlerThreads(), settings.handlerThreads(),
        60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(settings.queueCapacity()),
        new DefaultThreadFactory("gateway-handler", true));
    handlers.allowCoreThreadTimeOut(true);
    EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("gateway-accept", true));
    EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("gateway-io", true));
    RequestHandler handler = new RequestHandler(new Dispatcher(operations), auth, handlers, clock);
    try {
      SslContext tls = settings.tls() == null ? null : settings.tls().newServerContext();
      Channel channel = new ServerBootstrap()
          .group(boss, workers)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new HttpPipeline(handler, settings.maxBody(), tls))
          .bind(settings.host(), settings.port())
          .syncUninterruptibly()
          .channel();
      GatewayServer server = new GatewayServer(boss, workers, handlers, channel);
      LOG.info("gateway listening on {}://{} ({}, auth {})", settings.scheme(), server.address(),
          tls == null ? "cleartext HTTP/1.1 and HTTP/2" : "TLS only, HTTP/2 and HTTP/1.1 by ALPN",
          auth.mode().label());
      if (auth.mode() == AuthMode.NONE) {
        LOG.warn("gateway on {} accepts unsigned requests (auth none): anyone who reaches the port can read,"
            + " write and delete streams; configure access keys and auth sigv4 beyond local development",
            server.address());
      }
      return server;
    } catch (RuntimeException e) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      handlers.shutdownNow();
      throw e;
    }
  }

  /** The bound address ({@code host:port}), with the real port when 0 was asked for. */
  public String address() {
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    return bound.getHostString() + ":" + bound.getPort();
  }

  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops accepting, lets running operations finish (bounded), then closes every connection. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    handlers.shutdown();
    try {
      if (!handlers.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        handlers.shutdownNow();
      }
    } catch (InterruptedException e) {
      handlers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    workers.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).awaitUninterruptibly(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
  }
}
