package io.tributary.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Hands each aggregated request (HTTP/1.1 or one HTTP/2 stream) to the handler executor and writes
 * the {@link Reply} back with the AWS response headers. Thread-safe and shared by every channel; the
 * event loop only copies bytes, so a slow cluster call never stalls other connections.
 */
@Sharable
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger LOG = LogManager.getLogger(RequestHandler.class);
  private static final String TARGET = "X-Amz-Target";

  private final Dispatcher dispatcher;
  private final GatewayAuth auth;
  private final Executor executor;
  private final Clock clock;

  RequestHandler(Dispatcher dispatcher, GatewayAuth auth, Executor executor, Clock clock) {
    this.dispatcher = dispatcher;
    this.auth = auth;
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    HttpHeaders headers = request.headers();
    String target = headers.get(TARGET);
    String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
    byte[] body = ByteBufUtil.getBytes(request.content());
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    RequestHead head = RequestHead.of(request);
    try {
      executor.execute(() -> handle(ctx, target, contentType, head, body, keepAlive));
    } catch (RejectedExecutionException e) {
      WireFormat format = WireFormat.of(contentType).orElse(WireFormat.JSON);
      respond(ctx, Dispatcher.error(format, new GatewayException("ServiceUnavailableException", 503,
          "the gateway has more requests in flight than it queues; retry with backoff or add gateways")), keepAlive);
    }
  }

  /**
   * Checks the signature, then dispatches; on the handler thread, since hashing a large body takes
   * time. A streaming operation answers on its own stream and frees the thread once it runs.
   */
  private void handle(ChannelHandlerContext ctx, String target, String contentType, RequestHead head, byte[] body,
      boolean keepAlive) {
    Optional<GatewayException> refused = auth.check(target, head, body);
    if (refused.isPresent()) {
      respond(ctx, Dispatcher.error(WireFormat.of(contentType).orElse(WireFormat.JSON), refused.get()), keepAlive);
    } else if (dispatcher.streams(target)) {
      dispatcher.stream(target, contentType, body, format -> new ChannelEventStream(ctx, format, clock))
          .ifPresent(reply -> respond(ctx, reply, keepAlive));
    } else {
      respond(ctx, dispatcher.dispatch(target, contentType, body), keepAlive);
    }
  }

  /**
   * A broken connection (a client gone, bytes that are not HTTP) costs only that connection; peers
   * resetting is routine, so only other failures are worth a warning.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof IOException) {
      LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      LOG.warn("closing connection {} after a protocol failure", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  private void respond(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
    FullHttpResponse response = new DefaultFullHttpResponse(
        HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
    HttpHeaders headers = response.headers();
    ResponseHeaders.add(headers, reply.contentType(), clock);
    headers.setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
    if (reply.errorType() != null) {
      headers.set("x-amzn-ErrorType", reply.errorType());
    }
    HttpUtil.setKeepAlive(response, keepAlive);
    if (keepAlive) {
      ctx.writeAndFlush(response, ctx.voidPromise());
    } else {
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
