package io.tributary.gateway;

import io.netty.channel.Channel;
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
import io.netty.util.AsciiString;

/**
 * Builds each connection's pipeline: HTTP/1.1, or cleartext HTTP/2 by prior knowledge (what the
 * SDK's async client sends to an {@code http://} endpoint) or by an h2c upgrade; every HTTP/2
 * stream becomes a child channel with the same aggregator and handler as HTTP/1.1. Thread-safe.
 */
final class HttpPipeline extends ChannelInitializer<SocketChannel> {
  private final RequestHandler handler;
  private final int maxBody;

  HttpPipeline(RequestHandler handler, int maxBody) {
    this.handler = handler;
    this.maxBody = maxBody;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    HttpServerCodec http1 = new HttpServerCodec();
    HttpServerUpgradeHandler.UpgradeCodecFactory upgrades = protocol ->
        AsciiString.contentEquals(Http2CodecUtil.HTTP_UPGRADE_PROTOCOL_NAME, protocol)
            ? new Http2ServerUpgradeCodec(Http2FrameCodecBuilder.forServer().build(), http2Streams())
            : null;
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(new CleartextHttp2ServerUpgradeHandler(http1,
        new HttpServerUpgradeHandler(http1, upgrades, maxBody),
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ch.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), http2Streams());
          }
        }));
    pipeline.addLast(new HttpObjectAggregator(maxBody), handler);
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
}
