package io.tributary.cli.delivery;

import io.tributary.cli.CliContext;
import io.tributary.cli.output.Json;
import io.tributary.cli.output.Output;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.PutResult;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.grpc.GrpcErrors;
import io.tributary.proto.v1.Acks;
import io.tributary.proto.v1.DeliveryStreamDescription;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib delivery put}. Confined to the command's thread. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Put records into a direct-put delivery stream: the --data text, or one record per line of stdin",
      "(empty lines are skipped), batched by the producer and acknowledged by every in-sync replica.",
      "Prints 'put N records'. A delivery stream that reads an existing stream takes records through it."
    })
public final class DeliveryPutCommand extends DeliveryClientCommand {
  /** Records in flight before the put waits for the oldest: bounds memory on large inputs. */
  static final int MAX_PENDING = 10_000;

  @Parameters(index = "0", paramLabel = "NAME", description = "Delivery stream name.")
  private String name;

  @Option(names = "--data", paramLabel = "TEXT", description = "Put this one record instead of reading stdin.")
  private String data;

  private final ArrayDeque<CompletableFuture<PutResult>> pending = new ArrayDeque<>();
  private long acknowledged;
  private Duration settleWait;

  DeliveryPutCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected int run(TributaryClient client, DeliveryClient delivery, Output output) {
    DeliveryStreamDescription d = delivery.describe(name);
    if (!d.getDirectPut()) {
      throw Errors.invalid("delivery stream '" + name + "' reads stream '" + d.getSourceStream() + "'; put records"
          + " to stream " + d.getSourceStream() + " instead ('trib stream put " + d.getSourceStream() + "')");
    }
    ProducerOptions options = ProducerOptions.defaults().withAcks(Acks.ACKS_ALL);
    settleWait = options.deliveryTimeout().plusSeconds(30);
    try (Producer producer = client.newProducer(d.getSourceStream(), options)) {
      if (data != null) {
        send(producer, data);
      } else {
        sendLines(producer);
      }
      producer.flush();
      while (!pending.isEmpty()) {
        settleOldest();
      }
    } finally {
      if (output.json()) {
        output.json(Json.object().put("put", acknowledged));
      } else {
        output.line("put " + acknowledged + " records");
      }
    }
    return 0;
  }

  private void sendLines(Producer producer) {
    BufferedReader in = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isEmpty()) {
          send(producer, line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stdin: " + e.getMessage(), e);
    }
  }

  private void send(Producer producer, String record) {
    String key = Long.toHexString(ThreadLocalRandom.current().nextLong());
    pending.add(producer.send(key, record.getBytes(StandardCharsets.UTF_8)));
    while (pending.size() > MAX_PENDING || (!pending.isEmpty() && pending.peek().isDone())) {
      settleOldest();
    }
  }

  /** Waits (bounded) for the oldest record; its failure stops the put. */
  private void settleOldest() {
    PutResult result;
    try {
      result = pending.poll().get(settleWait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw GrpcErrors.fromGrpc(e.getCause());
    } catch (TimeoutException e) {
      throw new TributaryException(ErrorCode.UNAVAILABLE, "a record was neither acknowledged nor failed within "
          + settleWait.toSeconds() + "s; check the brokers with 'trib cluster status'");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TributaryException(ErrorCode.INTERNAL, "interrupted while waiting for acknowledgements");
    }
    if (!result.succeeded()) {
      throw new TributaryException(result.error(), result.errorMessage());
    }
    acknowledged++;
  }
}
