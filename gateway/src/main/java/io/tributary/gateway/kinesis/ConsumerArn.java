package io.tributary.gateway.kinesis;

import io.tributary.gateway.wire.GatewayException;

/**
 * A registered consumer as its ARN names it:
 * {@code arn:aws:kinesis:REGION:ACCOUNT:stream/STREAM/consumer/NAME:CREATED_EPOCH_SECONDS}. Immutable.
 *
 * <p>The creation second is part of the identity, as in Kinesis: an ARN kept from a consumer that was
 * deregistered and registered again under the same name no longer matches and is refused.
 *
 * @param stream the consumer's stream
 * @param name the consumer's name
 * @param createdSeconds epoch second of the registration
 */
public record ConsumerArn(String stream, String name, long createdSeconds) {
  private static final String CONSUMER = "/consumer/";

  public String format(Arns arns) {
    return arns.stream(stream) + CONSUMER + name + ":" + createdSeconds;
  }

  /**
   * @throws GatewayException InvalidArgumentException when {@code arn} is not a consumer ARN
   */
  public static ConsumerArn parse(Arns arns, String arn) {
    int consumerAt = arn.indexOf(CONSUMER);
    int secondsAt = arn.lastIndexOf(':');
    if (consumerAt < 0 || secondsAt < consumerAt + CONSUMER.length() + 1) {
      throw invalid(arns, arn);
    }
    String stream = arns.streamName(null, arn.substring(0, consumerAt));
    long seconds;
    try {
      seconds = Long.parseLong(arn.substring(secondsAt + 1));
    } catch (NumberFormatException e) {
      throw invalid(arns, arn);
    }
    return new ConsumerArn(stream, arn.substring(consumerAt + CONSUMER.length(), secondsAt), seconds);
  }

  private static GatewayException invalid(Arns arns, String arn) {
    return GatewayException.invalidArgument("ConsumerARN '" + arn + "' is not a consumer ARN; expected "
        + arns.stream("<stream>") + CONSUMER + "<name>:<creation epoch seconds>, as RegisterStreamConsumer "
        + "returned it");
  }
}
