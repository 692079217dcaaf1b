package io.tributary.cli.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.cli.output.Human;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.cli.output.Table;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.proto.v1.DeliveryMetrics;
import io.tributary.proto.v1.DeliveryStreamDescription;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Delivery streams as tables and JSON documents, the same for every delivery command. Stateless. */
final class DeliveryViews {
  private DeliveryViews() {}

  static Table listTable(List<DeliveryStreamDescription> streams) {
    Table table = Table.of("NAME", "STATUS", "SOURCE", "DESTINATION", "JOB");
    for (DeliveryStreamDescription d : streams) {
      table.row(d.getName(), d.getStatus(), source(d), d.getDestination(), d.getJobId().isEmpty() ? null : d.getJobId());
    }
    return table;
  }

  static ArrayNode listJson(List<DeliveryStreamDescription> streams) {
    ArrayNode out = Json.array();
    streams.forEach(d -> out.add(json(d)));
    return out;
  }

  /** "direct (clicks-delivery-source)" or "stream:orders". */
  static String source(DeliveryStreamDescription d) {
    return d.getDirectPut() ? "direct (" + d.getSourceStream() + ")" : "stream:" + d.getSourceStream();
  }

  static ObjectNode json(DeliveryStreamDescription d) {
    ObjectNode out = Json.object()
        .put("name", d.getName())
        .put("status", d.getStatus())
        .put("jobId", d.getJobId())
        .put("source", d.getDirectPut() ? "direct" : "stream:" + d.getSourceStream())
        .put("sourceStream", d.getSourceStream())
        .put("destination", d.getDestination())
        .put("createdMs", d.getCreatedMs())
        .put("failure", d.getFailure());
    ArrayNode warnings = out.putArray("warnings");
    d.getWarningsList().forEach(warnings::add);
    out.set("spec", specTree(d.getSpecJson()));
    DeliveryMetrics m = d.getMetrics();
    out.putObject("metrics")
        .put("recordsIn", m.getRecordsIn())
        .put("recordsDelivered", m.getRecordsDelivered())
        .put("recordsFailed", m.getRecordsFailed())
        .put("recordsDropped", m.getRecordsDropped())
        .put("bytesIn", m.getBytesIn())
        .put("bytesDelivered", m.getBytesDelivered())
        .put("objectsDelivered", m.getObjectsDelivered())
        .put("deliveryFailures", m.getDeliveryFailures())
        .put("dataFreshnessSeconds", freshnessSeconds(m));
    return out;
  }

  static double freshnessSeconds(DeliveryMetrics m) {
    return m.getOldestUndeliveredAgeMs() / 1000.0;
  }

  private static JsonNode specTree(String specJson) {
    try {
      return Json.MAPPER.readTree(specJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the coordinator sent a spec that is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static void printDescription(DeliveryStreamDescription d, Output out) {
    DeliverySpec spec = DeliverySpec.fromJson(d.getSpecJson());
    Table about = Table.of("FIELD", "VALUE");
    about.row("name", d.getName()).row("status", d.getStatus()).row("job", d.getJobId())
        .row("source", source(d)).row("destination", d.getDestination())
        .row("created", d.getCreatedMs() == 0 ? null : Human.time(d.getCreatedMs()))
        .row("format", spec.format() + (spec.compression().extension().isEmpty() ? "" : ", " + spec.compression()))
        .row("buffer", Human.bytes(spec.bufferSizeBytes()) + " or "
            + Human.duration(Duration.ofMillis(spec.bufferIntervalMillis())))
        .row("prefix", spec.prefix()).row("error prefix", spec.errorPrefix())
        .row("error destination", spec.errorDestination().isEmpty() ? "(the destination)" : spec.errorDestination())
        .row("parallelism", spec.parallelism())
        .row("retry duration", Human.duration(Duration.ofMillis(spec.retryDurationMillis())))
        .row("checkpoint interval", Human.duration(Duration.ofMillis(spec.checkpointIntervalMillis())));
    optional(about, "schema", spec.parquetSchema());
    optional(about, "transform", spec.transformClass());
    spec.partitionKeys().forEach((k, v) -> about.row("partition key " + k, v));
    for (Map.Entry<String, String> option : spec.options().entrySet()) {
      about.row("option " + option.getKey(), option.getValue());
    }
    d.getWarningsList().forEach(w -> about.row("warning", w));
    optional(about, "failure", d.getFailure().strip().lines().findFirst().orElse(""));
    out.table(about);
    out.line("");
    out.table(metricsTable(d.getMetrics()));
  }

  static Table metricsTable(DeliveryMetrics m) {
    return Table.of("METRIC", "VALUE").alignRight(1)
        .row("records in", m.getRecordsIn())
        .row("records delivered", m.getRecordsDelivered())
        .row("records failed", m.getRecordsFailed())
        .row("records dropped", m.getRecordsDropped())
        .row("bytes in", m.getBytesIn())
        .row("bytes delivered", m.getBytesDelivered())
        .row("objects delivered", m.getObjectsDelivered())
        .row("delivery failures", m.getDeliveryFailures())
        .row("data freshness (s)", String.format(Locale.ROOT, "%.1f", freshnessSeconds(m)));
  }

  private static void optional(Table table, String field, String value) {
    if (!value.isBlank()) {
      table.row(field, value);
    }
  }
}
