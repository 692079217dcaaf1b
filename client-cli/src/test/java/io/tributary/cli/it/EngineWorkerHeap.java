package io.tributary.cli.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A worker's heap as its Prometheus endpoint reports it: used and max heap, and what the old
 * generation (Serial GC's "Tenured Gen") held after its last collection. Immutable.
 */
record EngineWorkerHeap(long usedBytes, long maxBytes, long oldGenerationAfterCollectionBytes) {
  static EngineWorkerHeap read(int metricsPort) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/metrics"))
        .timeout(Duration.ofSeconds(20)).build();
    String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    return new EngineWorkerHeap(
        value(text, "jvm_memory_used_bytes{area=\"heap\"}"),
        value(text, "jvm_memory_max_bytes{area=\"heap\"}"),
        value(text, "jvm_memory_pool_collection_used_bytes{pool=\"Tenured Gen\"}"));
  }

  private static long value(String text, String series) {
    return text.lines()
        .filter(l -> l.startsWith(series + " "))
        .map(l -> (long) Double.parseDouble(l.substring(series.length() + 1).strip().split(" ")[0]))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the worker's metrics have no " + series + ":\n" + text));
  }
}
