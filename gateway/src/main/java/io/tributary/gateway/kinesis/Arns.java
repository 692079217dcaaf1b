package io.tributary.gateway.kinesis;

import io.tributary.gateway.wire.GatewayException;

/**
 * Kinesis ARNs of this gateway's region and account, and their names. Immutable.
 *
 * @param region region named in ARNs
 * @param account twelve-digit account id named in ARNs
 */
public record Arns(String region, String account) {
  private static final String STREAM = ":stream/";

  public static Arns defaults() {
    return new Arns("us-east-1", "000000000000");
  }

  public String stream(String name) {
    return "arn:aws:kinesis:" + region + ":" + account + STREAM + name;
  }

  /**
   * The stream a request names by {@code StreamName}, {@code StreamARN} or both (then they must agree).
   *
   * @throws GatewayException InvalidArgumentException when neither is set, they disagree, or the ARN is
   *     not a Kinesis stream ARN
   */
  public String streamName(String name, String arn) {
    if (arn == null) {
      if (name == null) {
        throw GatewayException.invalidArgument("the request names no stream; set StreamName or StreamARN");
      }
      return name;
    }
    int at = arn.indexOf(STREAM);
    if (!arn.startsWith("arn:aws:kinesis:") || at < 0 || at + STREAM.length() == arn.length()) {
      throw GatewayException.invalidArgument("StreamARN '" + arn + "' is not a stream ARN; expected "
          + stream("<name>"));
    }
    String fromArn = arn.substring(at + STREAM.length());
    if (name != null && !name.equals(fromArn)) {
      throw GatewayException.invalidArgument("StreamName '" + name + "' and StreamARN '" + arn
          + "' name different streams; set one of them");
    }
    return fromArn;
  }
}
