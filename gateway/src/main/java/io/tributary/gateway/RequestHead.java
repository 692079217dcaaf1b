package io.tributary.gateway;

import io.netty.handler.codec.http.HttpRequest;
import io.tributary.common.auth.RequestHeaders;
import io.tributary.common.auth.SignedRequest;
import java.util.Map;

/**
 * The parts of a request a signature covers, copied off Netty's message on the event loop so that
 * the check itself (hashing the body, HMACs) can run on a handler thread. Immutable.
 *
 * <p>HTTP/2 requests reach the handler through Netty's HTTP/2-to-HTTP/1 conversion, which turns the
 * {@code :authority} the SDKs send (they sign it as {@code host}) into a {@code Host} header, so both
 * protocols present the signed host the same way.
 */
record RequestHead(String method, String rawPath, String rawQuery, RequestHeaders headers) {

  static RequestHead of(HttpRequest request) {
    String uri = request.uri();
    int question = uri.indexOf('?');
    String path = question < 0 ? uri : uri.substring(0, question);
    String query = question < 0 ? "" : uri.substring(question + 1);
    RequestHeaders.Builder headers = RequestHeaders.builder();
    for (Map.Entry<String, String> header : request.headers()) {
      headers.add(header.getKey(), header.getValue());
    }
    return new RequestHead(request.method().name(), path.isEmpty() ? "/" : path, query, headers.build());
  }

  /** The request as the verifier sees it, with the body's hash. */
  SignedRequest signed(byte[] body) {
    return new SignedRequest(method, rawPath, rawQuery, headers, null, SignedRequest.sha256Hex(body));
  }
}
