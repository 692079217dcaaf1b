package io.tributary.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerUpgradeHandler;
import io.netty.handler.codec.http2.CleartextHttp2ServerUpgradeHandler;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ServerUpgradeCodec;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Builds each connection's pipeline: HTTP/1.1, or HTTP/2 by prior knowledge (what the SDK's async
 * client sends unless told to negotiate) or by an h2c upgrade; with TLS, the same behind the TLS
 * handler, HTTP/2 also chosen by ALPN. Every HTTP/2 stream becomes a child channel with the same
 * aggregator and handler as HTTP/1.1. Thread-safe.
 */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {
  private static final Logger LOG = LogManager.getLogger(HttpPipeline.class);

  private final RequestHandler handler;
  private final int maxBody;
  private final SslContext tls;

  /** Serves cleartext when {@code tls} is null, else TLS only. */
  HttpPipeline(RequestHandler handler, int maxBody, SslContext tls) {
    this.handler = handler;
    this.maxBody = maxBody;
    this.tls = tls;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    if (tls == null) {
      http1OrPriorKnowledgeHttp2(channel.pipeline());
      return;
    }
    channel.pipeline().addLast(tls.newHandler(channel.alloc()), new AlpnChoice());
  }

  /**
   * Tells HTTP/2 from HTTP/1.1 by the connection preface: the only way for cleartext, and the way for
   * TLS clients that offer no ALPN yet speak HTTP/2 (the SDK's async client by default).
   */
  private void http1OrPriorKnowledgeHttp2(ChannelPipeline pipeline) {
    HttpServerCodec http1 = new HttpServerCodec();
    HttpServerUpgradeHandler.UpgradeCodecFactory upgrades = protocol ->
        AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
            ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), http2Streams())
            : null;
    pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(http1,
        new HttpServerUpgradeHandler(http1, upgrades, maxBody),
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            http2(ch.pipeline());
          }
        }));
    pipeline.addLast(new HttpObjectAggregator(maxBody), handler);
  }

  private void http2(ChannelPipeline pipeline) {
    pipeline.addLast(Http2FrameCodecBuilder.forServer().build(), http2Streams());
  }

  private Http2MultiplexHandler http2Streams() {
    return new Http2MultiplexHandler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel stream) {
        stream.pipeline().addLast(
            new Http2StreamFrameToHttpObjectCodec(true), new HttpObjectAggregator(maxBody), handler);
      }
    });
  }

  /** Builds the rest of a TLS connection's pipeline once the handshake says which protocol won. */
  private final class AlpnChoice extends ApplicationProtocolNegotiationHandler {
    AlpnChoice() {
      super(ApplicationProtocolNames.HTTP_1_1); // what a client that offered no ALPN gets
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
        http2(ctx.pipeline());
      } else {
        http1OrPriorKnowledgeHttp2(ctx.pipeline());
      }
    }

    /** A client's mistake (often http:// against this https port), not the gateway's: no stack trace. */
    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      String reason = cause instanceof NotSslRecordException ? "it sent no TLS record (cleartext http:// against"
          + " this https port?)" : cause.getMessage() + " (does the client trust the gateway's certificate?)";
      LOG.info("TLS handshake with {} failed, closing the connection: {}", ctx.channel().remoteAddress(), reason);
      ctx.close();
    }
  }
}
