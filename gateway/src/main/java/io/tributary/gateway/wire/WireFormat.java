package io.tributary.gateway.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.util.Locale;
import java.util.Optional;

/**
 * The two body encodings of the AWS JSON protocol family, chosen per request by its Content-Type and
 * used again for the answer. Immutable.
 *
 * <p>The Kinesis SDK sends CBOR unless told otherwise, the AWS CLI and Firehose send JSON, so one
 * endpoint must speak both.
 */
public enum WireFormat {
  JSON("application/x-amz-json-1.1", new ObjectMapper()),
  CBOR("application/x-amz-cbor-1.1", new CBORMapper(new CBORFactory()));

  private final String contentType;
  private final ObjectMapper mapper;

  WireFormat(String contentType, ObjectMapper mapper) {
    this.contentType = contentType;
    this.mapper = mapper;
  }

  public String contentType() {
    return contentType;
  }

  ObjectMapper mapper() {
    return mapper;
  }

  /**
   * The format of a Content-Type header value; parameters ({@code ; charset=...}) are ignored and 1.0
   * is read as 1.1, whose bodies are the same. Empty when the type is neither.
   */
  public static Optional<WireFormat> of(String contentTypeHeader) {
    if (contentTypeHeader == null) {
      return Optional.empty();
    }
    String type = contentTypeHeader.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (type.startsWith("application/x-amz-json-1.")) {
      return Optional.of(JSON);
    }
    if (type.startsWith("application/x-amz-cbor-1.")) {
      return Optional.of(CBOR);
    }
    return Optional.empty();
  }
}
