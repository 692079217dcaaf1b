package io.tributary.delivery.spec;

/**
 * The names of destination options ({@code trib delivery create --option KEY=VALUE}). S3 options
 * fall back to the AWS SDK's defaults (environment, profile) when absent.
 */
public final class DestinationOptions {
  private DestinationOptions() {}

  /** S3 endpoint URL of an S3-compatible store, e.g. http://127.0.0.1:9000; absent: AWS. */
  public static final String S3_ENDPOINT = "s3.endpoint";
  public static final String S3_REGION = "s3.region";
  public static final String S3_ACCESS_KEY_ID = "s3.access-key-id";
  public static final String S3_SECRET_ACCESS_KEY = "s3.secret-access-key";
  /** "true" (default when an endpoint is set) for path-style addressing. */
  public static final String S3_PATH_STYLE = "s3.path-style";
  /** Prefix of extra HTTP headers: {@code http.header.Authorization=Bearer x}. */
  public static final String HTTP_HEADER_PREFIX = "http.header.";
  /** HTTP request timeout, a duration like 10s (default 30s). */
  public static final String HTTP_TIMEOUT = "http.timeout";
  public static final String JDBC_USER = "jdbc.user";
  public static final String JDBC_PASSWORD = "jdbc.password";
  /** The declared table rows go into (required for JDBC). */
  public static final String JDBC_TABLE = "jdbc.table";
  /** Comma-separated columns, each filled from the JSON field of the same name (required for JDBC). */
  public static final String JDBC_COLUMNS = "jdbc.columns";
}
