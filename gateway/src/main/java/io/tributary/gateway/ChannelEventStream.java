package io.tributary.gateway;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * An {@link EventStream} on one HTTP/2 stream (or a chunked HTTP/1.1 response): each event is one
 * event-stream message in one DATA frame. Thread-safe. Backpressure comes from the channel's
 * writability, which on HTTP/2 follows the peer's flow-control window, so a consumer that stops
 * reading stops its subscription instead of filling the gateway's memory.
 */
final class ChannelEventStream implements EventStream {
  static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";
  /** How often a blocked sender looks again whether the stream ended meanwhile. */
  private static final long WAIT_SLICE_MILLIS = 200;

  private final ChannelHandlerContext ctx;
  private final WireFormat format;
  private final Clock clock;
  private final AtomicBoolean opened = new AtomicBoolean();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Object sendLock = new Object();
  private final List<ScheduledFuture<?>> ticks = new CopyOnWriteArrayList<>();

  ChannelEventStream(ChannelHandlerContext ctx, WireFormat format, Clock clock) {
    this.ctx = ctx;
    this.format = format;
    this.clock = clock;
  }

  @Override
  public WireFormat format() {
    return format;
  }

  @Override
  public void open() {
    if (!opened.compareAndSet(false, true)) {
      throw new IllegalStateException("the event stream is already open");
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    ResponseHeaders.add(head.headers(), CONTENT_TYPE, clock);
    HttpUtil.setTransferEncodingChunked(head, true); // dropped on HTTP/2, where frames delimit the body
    ctx.write(head, ctx.voidPromise());
    send(message("event", ":event-type", "initial-response", Codec.object()));
  }

  @Override
  public boolean opened() {
    return opened.get();
  }

  @Override
  public boolean send(String eventType, ObjectNode payload) {
    return send(message("event", ":event-type", eventType, payload));
  }

  @Override
  public void fail(GatewayException error) {
    ObjectNode payload = Codec.object();
    payload.put("message", error.getMessage());
    send(message("exception", ":exception-type", error.type(), payload));
    end();
  }

  @Override
  public void end() {
    if (ended.compareAndSet(false, true)) {
      synchronized (sendLock) {
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ctx.voidPromise());
      }
      ticks.forEach(t -> t.cancel(false)); // an HTTP/1.1 connection outlives its stream
    }
  }

  @Override
  public void onClosed(Runnable action) {
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) {
        action.run();
      }
    };
    ctx.channel().closeFuture().addListener(f -> once.run());
  }

  @Override
  public void every(Duration period, Runnable tick) {
    long millis = period.toMillis();
    ScheduledFuture<?> task = ctx.executor().scheduleAtFixedRate(tick, millis, millis, TimeUnit.MILLISECONDS);
    ticks.add(task);
    ctx.channel().closeFuture().addListener(f -> task.cancel(false));
  }

  /** Writes one encoded message; waits (in slices, watching for the end) while the peer is not reading. */
  private boolean send(byte[] message) {
    ChannelFuture written;
    synchronized (sendLock) {
      if (ended.get() || !ctx.channel().isActive()) {
        return false;
      }
      written = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(message)));
    }
    while (!ctx.channel().isWritable() && !written.isDone()) {
      if (ended.get() || !ctx.channel().isActive()) {
        return false;
      }
      written.awaitUninterruptibly(WAIT_SLICE_MILLIS);
    }
    return !written.isDone() || written.isSuccess();
  }

  private byte[] message(String messageType, String typeHeader, String type, ObjectNode payload) {
    Map<String, HeaderValue> headers = new LinkedHashMap<>();
    headers.put(":message-type", HeaderValue.fromString(messageType));
    headers.put(typeHeader, HeaderValue.fromString(type));
    headers.put(":content-type", HeaderValue.fromString(format.contentType()));
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    new Message(headers, Codec.write(format, payload)).encode(out);
    return out.toByteArray();
  }
}
