package io.tributary.delivery;

import java.util.Map;

/**
 * What a {@link RecordTransform} returns for one record. Immutable by contract: the data array is
 * shared, not copied. Fields are not checked here, since this is untrusted user output; {@link
 * TransformResults#validate} checks them.
 *
 * @param recordId the id of the input record this answers
 * @param result what happened to the record
 * @param data the new bytes, for {@link Result#OK}
 * @param partitionKeys partition keys chosen by the transform (Firehose's partitionKeyFromLambda),
 *     possibly empty
 * @param reason why the transform failed the record, for {@link Result#PROCESSING_FAILED}
 */
public record TransformedRecord(
    String recordId, Result result, byte[] data, Map<String, String> partitionKeys, String reason) {

  /** The result names of Firehose's contract. */
  public enum Result {
    OK,
    DROPPED,
    PROCESSING_FAILED
  }

  public static TransformedRecord ok(String recordId, byte[] data) {
    return new TransformedRecord(recordId, Result.OK, data, Map.of(), null);
  }

  public static TransformedRecord ok(String recordId, byte[] data, Map<String, String> partitionKeys) {
    return new TransformedRecord(recordId, Result.OK, data, partitionKeys, null);
  }

  public static TransformedRecord dropped(String recordId) {
    return new TransformedRecord(recordId, Result.DROPPED, null, Map.of(), null);
  }

  public static TransformedRecord failed(String recordId, String reason) {
    return new TransformedRecord(recordId, Result.PROCESSING_FAILED, null, Map.of(), reason);
  }
}
