package io.tributary.gateway.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.delivery.Compression;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.gateway.OperationInput;
import io.tributary.gateway.kinesis.Arns;
import io.tributary.gateway.wire.GatewayException;
import io.tributary.gateway.wire.WireFormat;
import org.junit.jupiter.api.Test;

class CreateRequestsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static DeliverySpec spec(String body) throws Exception {
    OperationInput in = new OperationInput((ObjectNode) JSON.readTree(body), WireFormat.JSON);
    return DeliverySpec.fromJson(CreateRequests.read(in, Arns.defaults()).request().getSpecJson());
  }

  @Test
  void directPutToS3BecomesAValidSpec() throws Exception {
    DeliverySpec spec = spec("{\"DeliveryStreamName\":\"d1\",\"DeliveryStreamType\":\"DirectPut\","
        + "\"ExtendedS3DestinationConfiguration\":{\"BucketARN\":\"arn:aws:s3:::logs\",\"Prefix\":\"raw/\","
        + "\"BufferingHints\":{\"SizeInMBs\":2,\"IntervalInSeconds\":60},\"CompressionFormat\":\"GZIP\"}}");
    assertThat(spec.directPut()).isTrue();
    assertThat(spec.sourceStream()).isEqualTo(DeliverySpec.backingStreamName("d1"));
    assertThat(spec.destination()).isEqualTo("s3://logs/");
    assertThat(spec.prefix()).isEqualTo("raw/");
    assertThat(spec.bufferSizeBytes()).isEqualTo(2L * 1024 * 1024);
    assertThat(spec.bufferIntervalMillis()).isEqualTo(60_000);
    assertThat(spec.compression()).isEqualTo(Compression.GZIP);
    assertThat(spec.options()).containsEntry("s3.region", "us-east-1");
  }

  @Test
  void kinesisSourceAndDefaultsAreMapped() throws Exception {
    DeliverySpec spec = spec("{\"DeliveryStreamName\":\"d2\",\"DeliveryStreamType\":\"KinesisStreamAsSource\","
        + "\"KinesisStreamSourceConfiguration\":{\"KinesisStreamARN\":\"" + Arns.defaults().stream("clicks")
        + "\"},\"S3DestinationConfiguration\":{\"BucketARN\":\"arn:aws:s3:::b\"}}");
    assertThat(spec.directPut()).isFalse();
    assertThat(spec.sourceStream()).isEqualTo("clicks");
    assertThat(spec.compression()).isEqualTo(Compression.NONE);
    assertThat(spec.bufferIntervalMillis()).isEqualTo(300_000);
  }

  @Test
  void httpEndpointsKeepFirehosesHeadersAndBackUpFailedRecordsToS3() throws Exception {
    DeliverySpec spec = spec("{\"DeliveryStreamName\":\"d4\",\"HttpEndpointDestinationConfiguration\":{"
        + "\"EndpointConfiguration\":{\"Url\":\"https://collector.example/ingest\",\"AccessKey\":\"k-1\"},"
        + "\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":0},"
        + "\"RequestConfiguration\":{\"ContentEncoding\":\"NONE\",\"CommonAttributes\":"
        + "[{\"AttributeName\":\"env\",\"AttributeValue\":\"prod\"}]},"
        + "\"RetryOptions\":{\"DurationInSeconds\":60},"
        + "\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::backup\",\"ErrorOutputPrefix\":\"failed/\"}}}");
    assertThat(spec.destination()).isEqualTo("https://collector.example/ingest");
    assertThat(spec.options()).containsEntry("http.header.X-Amz-Firehose-Access-Key", "k-1")
        .containsEntry("http.header.X-Amz-Firehose-Common-Attributes", "{\"commonAttributes\":{\"env\":\"prod\"}}");
    assertThat(spec.errorDestination()).isEqualTo("s3://backup/");
    assertThat(spec.errorPrefix()).isEqualTo("failed/");
    assertThat(spec.bufferSizeBytes()).isEqualTo(1024 * 1024);
    assertThat(spec.bufferIntervalMillis()).isZero();
    assertThat(spec.retryDurationMillis()).isEqualTo(60_000);
    assertThat(spec.compression()).isEqualTo(Compression.NONE);
  }

  @Test
  void httpEndpointsWithoutBackupOrWithGzipAreRefused() {
    assertThatThrownBy(() -> spec("{\"DeliveryStreamName\":\"d5\",\"HttpEndpointDestinationConfiguration\":{"
        + "\"EndpointConfiguration\":{\"Url\":\"https://c.example/\"}}}"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("S3Configuration");
    assertThatThrownBy(() -> spec("{\"DeliveryStreamName\":\"d5\",\"HttpEndpointDestinationConfiguration\":{"
        + "\"EndpointConfiguration\":{\"Url\":\"https://c.example/\"},\"RequestConfiguration\":"
        + "{\"ContentEncoding\":\"GZIP\"},\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::b\"}}}"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("ContentEncoding GZIP");
    assertThatThrownBy(() -> spec("{\"DeliveryStreamName\":\"d5\",\"HttpEndpointDestinationConfiguration\":{"
        + "\"EndpointConfiguration\":{\"Url\":\"ftp://c.example/\"},"
        + "\"S3Configuration\":{\"BucketARN\":\"arn:aws:s3:::b\"}}}"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("not an http(s) URL");
  }

  @Test
  void zipAndForeignBucketsAreRefused() {
    assertThatThrownBy(() -> spec("{\"DeliveryStreamName\":\"d3\",\"S3DestinationConfiguration\":"
        + "{\"BucketARN\":\"arn:aws:s3:::b\",\"CompressionFormat\":\"ZIP\"}}"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("UNCOMPRESSED, GZIP or Snappy");
    assertThatThrownBy(() -> spec("{\"DeliveryStreamName\":\"d3\",\"S3DestinationConfiguration\":"
        + "{\"BucketARN\":\"bucket\"}}"))
        .isInstanceOf(GatewayException.class).hasMessageContaining("arn:aws:s3:::BUCKET");
  }
}
