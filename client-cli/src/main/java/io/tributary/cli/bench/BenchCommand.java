package io.tributary.cli.bench;

import picocli.CommandLine.Command;

/** {@code trib bench}: throughput and latency benchmarks against a running cluster. Stateless. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measure throughput and latency against a running cluster.",
      "Progress goes to stderr; the last stdout line is",
      "RESULT records=N seconds=S records_per_s=X mb_per_s=Y [p50_ms=A p99_ms=B]",
      "(MB = 2^20 bytes of record data; latency fields where measured). The stream must exist.",
      "'bench engine' runs a job instead and ends with RESULT events=N seconds=S events_per_s=X."
    },
    subcommands = {
      BenchProduceCommand.class, BenchConsumeCommand.class, BenchLatencyCommand.class, BenchEngineCommand.class
    })
public final class BenchCommand {}
