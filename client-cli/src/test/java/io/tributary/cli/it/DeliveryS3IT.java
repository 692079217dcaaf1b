package io.tributary.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.delivery.testing.S3TestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A delivery stream to an S3-compatible store (S3Proxy, started by the test) on real processes:
 * 100,000 records reach the bucket exactly once by content through a worker kill -9, under the
 * URI's key prefix, each object named as the delivery stream names it.
 */
@ExtendWith(SharedDeliveryCluster.class)
class DeliveryS3IT {
  private static final String BUCKET = "deliveries";
  private static DeliveryCluster cluster;
  private static S3TestServer s3;

  @BeforeAll
  static void start(DeliveryCluster shared) throws Exception {
    cluster = shared;
    s3 = new S3TestServer().start();
    s3.createBucket(BUCKET);
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
  }

  @Test
  void hundredThousandRecordsReachTheBucketExactlyOnceThroughAWorkerKill() throws Exception {
    List<String> args = new ArrayList<>(List.of("--destination", "s3://" + BUCKET + "/landing/",
        "--shards", "2", "--parallelism", "2",
        "--option", "s3.endpoint=" + s3.endpoint(), "--option", "s3.region=us-east-1",
        "--option", "s3.access-key-id=" + s3.accessKey(), "--option", "s3.secret-access-key=" + s3.secretKey()));
    args.addAll(DeliveryFilesIT.SMALL_BUFFERS);
    cluster.create("s3-kill", args.toArray(String[]::new));

    DeliveryWithKill.run(cluster, "s3-kill", () -> DeliveryRecords.idCounts(objectLines()).size());

    DeliveryRecords.assertExactlyOnce(objectLines(), DeliveryWithKill.RECORDS, "s3://" + BUCKET);
    Pattern name = Pattern.compile("landing/" + DeliveryFilesIT.objectName("s3-kill", "\\.json").pattern());
    assertThat(s3.objects(BUCKET, "").keySet()).as("every object of the bucket").allMatch(k -> name.matcher(k).matches());
    cluster.delete("s3-kill");
  }

  private static List<String> objectLines() {
    Map<String, byte[]> objects = s3.objects(BUCKET, "landing/");
    objects.keySet().removeIf(key -> key.startsWith("landing/errors/"));
    return DeliveryRecords.lines(objects.values());
  }
}
