package io.tributary.cli.delivery;

import com.google.protobuf.ByteString;
import io.tributary.cli.CliContext;
import io.tributary.common.error.Errors;
import io.tributary.cli.output.Output;
import io.tributary.delivery.OutputFormat;
import io.tributary.delivery.destination.Destinations;
import io.tributary.delivery.format.ParquetSchemas;
import io.tributary.delivery.spec.DeliverySpec;
import io.tributary.proto.v1.CreateDeliveryStreamRequest;
import io.tributary.proto.v1.CreateDeliveryStreamResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code trib delivery create}. Confined to the command's thread. */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
      "Create a delivery stream: a managed job that reads a stream and delivers its records, buffered into",
      "objects (file://, s3://) or batches (http(s)://, jdbc:postgresql://), exactly once.",
      "Prints 'created delivery stream NAME (job ID)'; a destination that cannot be reached now is a",
      "WARNING line on stderr, not a failure."
    })
public final class DeliveryCreateCommand extends DeliveryClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Delivery stream name: 1-64 letters, digits, '_', '.', '-'.")
  private String name;

  @Mixin private DeliverySpecOptions specOptions;

  @Option(names = "--shards", paramLabel = "N",
      description = "Direct put only: shards of the backing stream (default 1).")
  private Integer shards;

  @Option(names = "--transform-jar", paramLabel = "JAR", description = "The jar holding the --transform class.")
  private Path transformJar;

  @Option(names = "--json", description = "Print the created delivery stream as JSON.")
  private boolean json;

  private DeliverySpec spec;
  private byte[] jar = new byte[0];

  DeliveryCreateCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    try {
      spec = specOptions.spec(name);
    } catch (TypeConversionException e) {
      throw usage(e.getMessage());
    }
    if (shards != null && (shards < 1 || !spec.directPut())) {
      throw usage(shards < 1 ? "--shards " + shards + " must be at least 1"
          : "--shards applies to --source direct only; a stream source keeps its own shards");
    }
    if (transformJar != null && spec.transformClass().isEmpty()) {
      throw usage("--transform-jar needs --transform CLASS, the transform class in the jar");
    }
    Destinations.validateOptions(spec);
    if (spec.format() == OutputFormat.PARQUET) {
      ParquetSchemas.validate(spec.parquetSchema());
    }
    if (transformJar != null) {
      try {
        jar = Files.readAllBytes(transformJar);
      } catch (IOException e) {
        throw Errors.invalid("cannot read --transform-jar '" + transformJar + "' (" + e + "); give a readable jar");
      }
    }
  }

  @Override
  protected int run(DeliveryClient delivery, Output output) {
    CreateDeliveryStreamResponse created = delivery.create(CreateDeliveryStreamRequest.newBuilder()
        .setSpecJson(spec.toJson())
        .setTransformJar(ByteString.copyFrom(jar))
        .setShardCount(shards == null ? 0 : shards)
        .build(), name);
    for (String warning : created.getWarningsList()) {
      ctx.err().println("WARNING: " + warning);
    }
    ctx.err().flush();
    if (json || output.json()) {
      output.json(DeliveryViews.json(created.getDescription()));
    } else {
      output.line("created delivery stream " + name + " (job " + created.getDescription().getJobId() + ")");
    }
    return 0;
  }
}
