package io.tributary.gateway.kinesis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.client.TributaryClient;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.OperationTable;
import io.tributary.gateway.wire.Codec;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.proto.v1.RegisteredConsumer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Kinesis enhanced fan-out consumers (RegisterStreamConsumer, DescribeStreamConsumer,
 * ListStreamConsumers, DeregisterStreamConsumer) over the native consumer registry. Thread-safe;
 * operations block on the coordinators.
 *
 * <p>Native registration is complete when the coordinator answers, so every consumer is reported
 * ACTIVE: callers that wait for ACTIVE before subscribing, as the KCL does, go on at once.
 */
public final class KinesisConsumerOps {
  static final long TOKEN_TTL_MILLIS = 300_000;
  private static final int MAX_RESULTS = 10_000;
  private static final int DEFAULT_RESULTS = 100;
  private static final String ACTIVE = "ACTIVE";

  private final TributaryClient client;
  private final Arns arns;
  private final Clock clock;

  public KinesisConsumerOps(TributaryClient client, Arns arns, Clock clock) {
    this.client = client;
    this.arns = arns;
    this.clock = clock;
  }

  /** Adds this class's operations to {@code table}. */
  public OperationTable.Builder register(OperationTable.Builder table) {
    return table.kinesis("RegisterStreamConsumer", this::registerStreamConsumer)
        .kinesis("DescribeStreamConsumer", this::describeStreamConsumer)
        .kinesis("ListStreamConsumers", this::listStreamConsumers)
        .kinesis("DeregisterStreamConsumer", this::deregisterStreamConsumer);
  }

  ObjectNode registerStreamConsumer(OperationInput in) {
    String stream = arns.streamName(null, in.requiredString("StreamARN"));
    RegisteredConsumer registered = client.registerConsumer(stream, in.requiredString("ConsumerName"));
    ObjectNode out = Codec.object();
    out.set("Consumer", describe(registered).without("StreamARN"));
    return out;
  }

  ObjectNode describeStreamConsumer(OperationInput in) {
    ObjectNode out = Codec.object();
    out.set("ConsumerDescription", describe(find(in)));
    return out;
  }

  ObjectNode deregisterStreamConsumer(OperationInput in) {
    RegisteredConsumer consumer = find(in);
    client.deregisterConsumer(consumer.getStream(), consumer.getName());
    return Codec.object();
  }

  ObjectNode listStreamConsumers(OperationInput in) {
    String stream = arns.streamName(null, in.requiredString("StreamARN"));
    int limit = in.optionalInt("MaxResults", 1, MAX_RESULTS).orElse(DEFAULT_RESULTS);
    String after = in.optionalString("NextToken").map(token -> lastListed(token, stream)).orElse("");
    List<RegisteredConsumer> rest = client.listConsumers(stream).stream()
        .filter(c -> c.getName().compareTo(after) > 0)
        .sorted(Comparator.comparing(RegisteredConsumer::getName))
        .toList();
    List<RegisteredConsumer> page = rest.subList(0, Math.min(limit, rest.size()));
    ObjectNode out = Codec.object();
    ArrayNode consumers = out.putArray("Consumers");
    page.forEach(c -> consumers.add(describe(c).without("StreamARN")));
    if (rest.size() > limit) {
      out.put("NextToken", token(stream, page.get(page.size() - 1).getName()));
    }
    return out;
  }

  /** The consumer a request names by ConsumerARN, or by StreamARN and ConsumerName. */
  private RegisteredConsumer find(OperationInput in) {
    String consumerArn = in.optionalString("ConsumerARN").orElse(null);
    String streamArn = in.optionalString("StreamARN").orElse(null);
    String name = in.optionalString("ConsumerName").orElse(null);
    if (consumerArn == null) {
      if (streamArn == null || name == null) {
        throw GatewayException.invalidArgument("the request names no consumer; set ConsumerARN, or both StreamARN "
            + "and ConsumerName");
      }
      return lookup(arns.streamName(null, streamArn), name, -1);
    }
    ConsumerArn arn = ConsumerArn.parse(arns, consumerArn);
    if ((name != null && !name.equals(arn.name()))
        || (streamArn != null && !arns.streamName(null, streamArn).equals(arn.stream()))) {
      throw GatewayException.invalidArgument("ConsumerARN '" + consumerArn + "' names another consumer than "
          + "StreamARN/ConsumerName; set ConsumerARN alone");
    }
    return lookup(arn.stream(), arn.name(), arn.createdSeconds());
  }

  /** The registered consumer a ConsumerARN names, checked against its registration time. */
  RegisteredConsumer registered(String consumerArn) {
    ConsumerArn arn = ConsumerArn.parse(arns, consumerArn);
    return lookup(arn.stream(), arn.name(), arn.createdSeconds());
  }

  /** {@code createdSeconds} -1 matches any registration of the name. */
  private RegisteredConsumer lookup(String stream, String name, long createdSeconds) {
    return client.listConsumers(stream).stream()
        .filter(c -> c.getName().equals(name))
        .filter(c -> createdSeconds < 0 || seconds(c) == createdSeconds)
        .findFirst()
        .orElseThrow(() -> new GatewayException("ResourceNotFoundException", 400, "consumer '" + name
            + "' of stream '" + stream + "' is not registered" + (createdSeconds < 0 ? ""
                : " with creation time " + createdSeconds + " (it may have been registered again since)")
            + "; list the stream's consumers with ListStreamConsumers, or register it"));
  }

  private ObjectNode describe(RegisteredConsumer c) {
    ObjectNode d = Codec.object();
    d.put("ConsumerName", c.getName());
    d.put("ConsumerARN", new ConsumerArn(c.getStream(), c.getName(), seconds(c)).format(arns));
    d.put("ConsumerStatus", ACTIVE);
    d.set("ConsumerCreationTimestamp", Codec.timestamp(Instant.ofEpochMilli(c.getCreatedMillis())));
    d.put("StreamARN", arns.stream(c.getStream()));
    return d;
  }

  private static long seconds(RegisteredConsumer c) {
    return Math.floorDiv(c.getCreatedMillis(), 1000);
  }

  private String token(String stream, String lastName) {
    byte[] text = (stream + "\n" + lastName).getBytes(StandardCharsets.UTF_8);
    ByteBuffer buf = ByteBuffer.allocate(Long.BYTES + text.length).putLong(clock.millis()).put(text);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(buf.array());
  }

  /** The last consumer name of the previous page, after checking the token is ours, fresh and of this stream. */
  private String lastListed(String token, String stream) {
    ByteBuffer buf;
    try {
      buf = ByteBuffer.wrap(Base64.getUrlDecoder().decode(token));
    } catch (IllegalArgumentException e) {
      throw badToken();
    }
    if (buf.remaining() < Long.BYTES) {
      throw badToken();
    }
    long age = clock.millis() - buf.getLong();
    String[] parts = StandardCharsets.UTF_8.decode(buf).toString().split("\n", -1);
    if (parts.length != 2 || !parts[0].equals(stream)) {
      throw badToken();
    }
    if (age > TOKEN_TTL_MILLIS) {
      throw new GatewayException("ExpiredNextTokenException", 400, "NextToken expired: it was issued " + age / 1000
          + "s ago and is valid for 300s; list again without NextToken");
    }
    return parts[1];
  }

  private static GatewayException badToken() {
    return GatewayException.invalidArgument("NextToken is not one ListStreamConsumers issued for this StreamARN; "
        + "pass the NextToken of the previous answer unchanged with the same StreamARN, or list again without it");
  }
}
