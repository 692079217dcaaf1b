package io.tributary.gateway;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * The headers every AWS answer carries: a request id, and a {@code Date} from which the SDKs correct
 * their clock after a signature-expired refusal. Thread-safe (stateless).
 */
final class ResponseHeaders {
  private ResponseHeaders() {}

  static void add(HttpHeaders headers, String contentType, Clock clock) {
    headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
    headers.set("x-amzn-RequestId", UUID.randomUUID().toString());
    headers.set(HttpHeaderNames.DATE, DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(clock)));
  }
}
