package io.tributary.client;

/**
 * A record to write. Immutable (the data array is not copied: do not change it after handing it over).
 *
 * @param explicitHashKey decimal 128-bit hash key overriding the partition key's MD5, or null
 */
public record PutRecord(String partitionKey, byte[] data, String explicitHashKey) {
  public static PutRecord of(String partitionKey, byte[] data) {
    return new PutRecord(partitionKey, data, null);
  }
}
