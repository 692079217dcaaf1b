package io.tributary.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  private static final String JSON = WireFormat.JSON.contentType();
  private static final String CBOR = WireFormat.CBOR.contentType();

  private final Dispatcher dispatcher = new Dispatcher(OperationTable.builder()
      .kinesis("Echo", in -> Codec.object().put("Name", in.requiredString("StreamName")))
      .kinesis("Missing", in -> {
        throw new TributaryException(ErrorCode.RESOURCE_NOT_FOUND, "stream 'x' does not exist");
      })
      .kinesis("Standby", in -> {
        throw TributaryException.notLeader("");
      })
      .kinesis("Broken", in -> {
        throw new IllegalStateException("bug");
      })
      .kinesisStreaming("Subscribe", (in, stream) -> {
        in.requiredString("ConsumerARN");
        stream.open();
        throw new TributaryException(ErrorCode.RESOURCE_IN_USE, "taken over");
      })
      .build());

  @Test
  void streamingOperationsAreRefusedWithAReplyBeforeTheStreamOpensAndOnTheStreamAfter() {
    RecordingStream refusedStream = new RecordingStream();
    Optional<Reply> refused = dispatcher.stream("Kinesis_20131202.Subscribe", JSON, bytes("{}"), f -> refusedStream);
    assertThat(refused).isPresent();
    assertError(refused.get(), 400, "InvalidArgumentException");
    assertThat(refusedStream.failure).isNull();

    RecordingStream opened = new RecordingStream();
    byte[] body = Codec.write(WireFormat.CBOR, Codec.object().put("ConsumerARN", "arn"));
    assertThat(dispatcher.stream("Kinesis_20131202.Subscribe", CBOR, body, f -> opened)).isEmpty();
    assertThat(opened.failure.type()).isEqualTo("ResourceInUseException");
    assertThat(opened.failure.getMessage()).isEqualTo("taken over");

    assertThat(dispatcher.streams("Kinesis_20131202.Subscribe")).isTrue();
    assertThat(dispatcher.streams("Kinesis_20131202.Echo")).isFalse();
    assertError(dispatcher.dispatch("Kinesis_20131202.Nope", JSON, new byte[0]), 400, "UnknownOperationException");
  }

  @Test
  void answersInTheRequestsFormat() {
    byte[] body = Codec.write(WireFormat.CBOR, Codec.object().put("StreamName", "clicks"));

    Reply reply = dispatcher.dispatch("Kinesis_20131202.Echo", CBOR, body);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).isEqualTo(CBOR);
    assertThat(reply.errorType()).isNull();
    assertThat(Codec.read(WireFormat.CBOR, reply.body()).get("Name").asText()).isEqualTo("clicks");
  }

  @Test
  void unknownOrMissingTargetsAreUnknownOperations() {
    assertError(dispatcher.dispatch("Kinesis_20131202.Nope", JSON, new byte[0]), 400, "UnknownOperationException");
    assertError(dispatcher.dispatch(null, JSON, new byte[0]), 400, "UnknownOperationException");
  }

  @Test
  void malformedBodiesAndUnknownContentTypesAreSerializationErrors() {
    assertError(dispatcher.dispatch("Kinesis_20131202.Echo", JSON, bytes("{oops")), 400, "SerializationException");
    Reply wrongType = dispatcher.dispatch("Kinesis_20131202.Echo", "text/plain", bytes("{}"));
    assertError(wrongType, 400, "SerializationException");
    assertThat(errorBody(wrongType).get("message").asText()).contains("text/plain", JSON, CBOR);
  }

  @Test
  void validationAndNativeErrorsKeepKinesisNames() {
    assertError(dispatcher.dispatch("Kinesis_20131202.Echo", JSON, bytes("{}")), 400, "InvalidArgumentException");
    Reply missing = dispatcher.dispatch("Kinesis_20131202.Missing", CBOR, new byte[0]);
    assertError(missing, 400, "ResourceNotFoundException");
    assertThat(errorBody(missing).get("message").asText()).isEqualTo("stream 'x' does not exist");
    assertError(dispatcher.dispatch("Kinesis_20131202.Standby", JSON, new byte[0]), 500, "InternalFailureException");
    assertError(dispatcher.dispatch("Kinesis_20131202.Broken", JSON, new byte[0]), 500, "InternalFailureException");
  }

  private static void assertError(Reply reply, int status, String type) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.errorType()).isEqualTo(type);
    assertThat(errorBody(reply).get("__type").asText()).isEqualTo(type);
  }

  private static ObjectNode errorBody(Reply reply) {
    return Codec.read(WireFormat.of(reply.contentType()).orElseThrow(), reply.body());
  }

  /** Remembers how a streaming operation used its stream. */
  private static final class RecordingStream implements EventStream {
    private boolean opened;
    private GatewayException failure;

    @Override
    public WireFormat format() {
      return WireFormat.JSON;
    }

    @Override
    public void open() {
      opened = true;
    }

    @Override
    public boolean opened() {
      return opened;
    }

    @Override
    public boolean send(String eventType, ObjectNode payload) {
      return true;
    }

    @Override
    public void fail(GatewayException error) {
      failure = error;
    }

    @Override
    public void end() {}

    @Override
    public void onClosed(Runnable action) {}

    @Override
    public void every(Duration period, Runnable tick) {}
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
