package io.tributary.cli.stream;

import io.tributary.cli.CliContext;
import io.tributary.cli.ClientCommand;
import io.tributary.cli.Converters;
import io.tributary.cli.output.Output;
import io.tributary.client.Producer;
import io.tributary.client.ProducerOptions;
import io.tributary.client.TributaryClient;
import io.tributary.common.error.Errors;
import io.tributary.common.error.TributaryException;
import io.tributary.common.stream.StreamNames;
import io.tributary.proto.v1.Acks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code trib stream put}. Confined to the command's thread. */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    description = {
      "Write records: the --data text, or one record per line of stdin (empty lines are skipped).",
      "With --key-delimiter C each input is KEY<C>DATA, split at the first C; without a key, each record",
      "gets a random one. --output json prints the acknowledged records {shard, sequence, partitionKey}",
      "in input order, also when the put stops early on an error (it then exits 1)."
    })
public final class StreamPutCommand extends ClientCommand {
  @Parameters(index = "0", paramLabel = "NAME", description = "Stream name.")
  private String name;

  @Option(names = "--key", paramLabel = "K", description = "Partition key of every record (default: random per record).")
  private String key;

  @Option(names = "--data", paramLabel = "TEXT", description = "Write this one record instead of reading stdin.")
  private String data;

  @Option(names = "--key-delimiter", paramLabel = "C", description = "Split each input into KEY<C>DATA.")
  private String keyDelimiter;

  @Option(names = "--acks", paramLabel = "leader|all", converter = Converters.AcksConverter.class,
      description = "Acknowledge after the leader appended, or after every in-sync replica has it (default all).")
  private Acks acks = Acks.ACKS_ALL;

  StreamPutCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  protected void validate() {
    if (key != null && keyDelimiter != null) {
      throw usage("use either --key or --key-delimiter, not both");
    }
    if (keyDelimiter != null && keyDelimiter.isEmpty()) {
      throw usage("--key-delimiter must not be empty");
    }
    StreamNames.validate(name);
  }

  @Override
  protected int run(TributaryClient client, Output output) {
    ProducerOptions options = ProducerOptions.defaults().withAcks(acks);
    PutSession session = new PutSession(name, output, settleWait(options));
    try (Producer producer = client.newProducer(name, options)) {
      if (data != null) {
        send(producer, session, data, 0);
      } else {
        sendLines(producer, session);
      }
      producer.flush();
    } catch (TributaryException e) {
      session.fail(e);
    } finally {
      session.finish();
    }
    if (session.error() != null) {
      throw session.error();
    }
    return 0;
  }

  private void sendLines(Producer producer, PutSession session) {
    BufferedReader in = new BufferedReader(new InputStreamReader(ctx.in(), StandardCharsets.UTF_8));
    try {
      long lineNumber = 0;
      String line;
      while (!session.failed() && (line = in.readLine()) != null) {
        lineNumber++;
        if (!line.isEmpty()) {
          send(producer, session, line, lineNumber);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stdin: " + e.getMessage(), e);
    }
  }

  private void send(Producer producer, PutSession session, String input, long lineNumber) {
    String partitionKey = key;
    String payload = input;
    if (keyDelimiter != null) {
      int at = input.indexOf(keyDelimiter);
      if (at < 0) {
        String where = lineNumber > 0 ? "line " + lineNumber : "--data";
        session.fail(Errors.invalid(where + " has no key delimiter '" + keyDelimiter + "'; write KEY"
            + keyDelimiter + "DATA"));
        return;
      }
      partitionKey = input.substring(0, at);
      payload = input.substring(at + keyDelimiter.length());
    }
    if (partitionKey == null) {
      partitionKey = Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
    session.sent(producer.send(partitionKey, payload.getBytes(StandardCharsets.UTF_8)), partitionKey);
  }

  /** How long a record may stay unsettled before the put reports it: the producer's own bound, plus margin. */
  static Duration settleWait(ProducerOptions options) {
    return options.deliveryTimeout().plusSeconds(30);
  }
}
