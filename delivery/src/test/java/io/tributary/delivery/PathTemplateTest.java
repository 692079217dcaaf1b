package io.tributary.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.time.Instant;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PathTemplateTest {
  private static final Instant ARRIVAL = Instant.parse("2024-03-07T09:05:06Z");

  @Test
  void rendersPartitionKeysAndTheArrivalTimeInUtc() {
    PathTemplate template =
        PathTemplate.prefix("events/!{partitionKey:customer}/!{timestamp:yyyy/MM/dd/HH}/");

    assertThat(template.render(ARRIVAL, Map.of("customer", "acme"), new SplittableRandom(1)))
        .isEqualTo(new PathTemplate.Rendered("events/acme/2024/03/07/09/"));
    assertThat(template.partitionKeyNames()).containsExactly("customer");
    assertThat(template.usesRandom()).isFalse();
  }

  @Test
  void everyTimestampUsesTheSameInstant() {
    PathTemplate template = PathTemplate.prefix("y=!{timestamp:yyyy}/m=!{timestamp:MM}/!{timestamp:mm-ss}/");

    assertThat(render(template, Map.of())).isEqualTo("y=2024/m=03/05-06/");
  }

  @Test
  void anEmptyPrefixMeansHourlyFolders() {
    assertThat(PathTemplate.prefix("").template()).isEqualTo("!{timestamp:yyyy/MM/dd/HH}/");
    assertThat(render(PathTemplate.prefix(null), Map.of())).isEqualTo("2024/03/07/09/");
  }

  @Test
  void anEmptyErrorPrefixSeparatesFailuresByType() {
    PathTemplate errors = PathTemplate.errorPrefix("");

    assertThat(errors.isErrorPrefix()).isTrue();
    assertThat(errors.renderError(ARRIVAL, ErrorOutputType.PARTITIONING_FAILED, new SplittableRandom(1)))
        .isEqualTo("partitioning-failed/2024/03/07/09/");
  }

  @Test
  void rendersTheErrorOutputTypeInAnErrorPrefix() {
    PathTemplate errors = PathTemplate.errorPrefix("failed/!{error-output-type}/!{timestamp:yyyy}/");

    assertThat(errors.renderError(ARRIVAL, ErrorOutputType.PROCESSING_FAILED, new SplittableRandom(1)))
        .isEqualTo("failed/processing-failed/2024/");
  }

  @Test
  void theRandomStringComesFromTheSuppliedSource() {
    PathTemplate template = PathTemplate.prefix("r/!{random-string}/");

    String first = template.render(ARRIVAL, Map.of(), new SplittableRandom(42)).toString();
    String again = template.render(ARRIVAL, Map.of(), new SplittableRandom(42)).toString();
    String other = template.render(ARRIVAL, Map.of(), new SplittableRandom(43)).toString();

    assertThat(template.usesRandom()).isTrue();
    assertThat(first).isEqualTo(again).isNotEqualTo(other);
    assertThat(((PathTemplate.Rendered) template.render(ARRIVAL, Map.of(), new SplittableRandom(42))).path())
        .matches("r/[A-Za-z0-9]{11}/");
  }

  @Test
  void acceptsFirehoseSpellings() {
    PathTemplate template = PathTemplate.prefix(
        "!{partitionKeyFromQuery:a}/!{partitionKeyFromLambda:b}/!{firehose:random-string}/");
    PathTemplate errors = PathTemplate.errorPrefix("!{firehose:error-output-type}/");

    assertThat(template.partitionKeyNames()).containsExactly("a", "b");
    assertThat(template.usesRandom()).isTrue();
    assertThat(errors.renderError(ARRIVAL, ErrorOutputType.DELIVERY_FAILED, new SplittableRandom(1)))
        .isEqualTo("delivery-failed/");
  }

  @Test
  void listsEachPartitionKeyOnceInOrderOfUse() {
    PathTemplate template =
        PathTemplate.prefix("!{partitionKey:b}/!{partitionKey:a}/!{partitionKey:b}/x!y}");

    assertThat(template.partitionKeyNames()).containsExactly("b", "a");
  }

  @Test
  void aMissingPartitionKeyIsUnresolvedNotThrown() {
    PathTemplate template = PathTemplate.prefix("!{partitionKey:customer}/");

    assertThat(template.render(ARRIVAL, Map.of(), new SplittableRandom(1)))
        .isEqualTo(new PathTemplate.Unresolved(
            "customer", "the record has no value for partition key 'customer'"));
  }

  @Test
  void refusesPartitionKeyValuesThatAreNotOneFolder() {
    PathTemplate template = PathTemplate.prefix("!{partitionKey:k}/");

    assertThat(reason(template, "")).isEqualTo("partition key 'k' is empty");
    assertThat(reason(template, ".."))
        .isEqualTo("partition key 'k' is '..', which is not a valid folder name");
    assertThat(reason(template, "."))
        .isEqualTo("partition key 'k' is '.', which is not a valid folder name");
    for (String value : new String[] {"a/b", "a\\b", "a\nb"}) {
      assertThat(reason(template, value))
          .isEqualTo("partition key 'k' contains '/', '\\' or a control character");
    }
    assertThat(render(template, Map.of("k", "a.b-c_d"))).isEqualTo("a.b-c_d/");
  }

  @Test
  void refusesAnUnknownExpression() {
    assertInvalid(() -> PathTemplate.prefix("a/!{nope}/"),
        "prefix 'a/!{nope}/' at position 2: unknown expression '!{nope}'; use"
            + " !{timestamp:<pattern>}, !{partitionKey:<name>}, !{random-string} or !{error-output-type}");
    assertInvalid(() -> PathTemplate.prefix("!{firehose:nope}"),
        "prefix '!{firehose:nope}' at position 0: unknown expression '!{firehose:nope}'; use"
            + " !{timestamp:<pattern>}, !{partitionKey:<name>}, !{random-string} or !{error-output-type}");
  }

  @Test
  void refusesAnUnclosedExpression() {
    assertInvalid(() -> PathTemplate.prefix("events/!{timestamp:yyyy"),
        "prefix 'events/!{timestamp:yyyy' at position 7: unclosed '!{'; close the expression with '}'");
  }

  @Test
  void refusesABadOrMissingDatePattern() {
    assertThatThrownBy(() -> PathTemplate.prefix("!{timestamp:yyyy-bb}"))
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageStartingWith("prefix '!{timestamp:yyyy-bb}' at position 0: invalid date pattern"
            + " 'yyyy-bb' (")
        .hasMessageEndingWith("); use java.time.format.DateTimeFormatter letters, e.g. yyyy/MM/dd/HH");
    assertInvalid(() -> PathTemplate.prefix("x/!{timestamp}"),
        "prefix 'x/!{timestamp}' at position 2: !{timestamp} needs a date pattern;"
            + " write e.g. !{timestamp:yyyy/MM/dd/HH}");
    assertInvalid(() -> PathTemplate.prefix("!{timestamp:}"),
        "prefix '!{timestamp:}' at position 0: !{timestamp} needs a date pattern;"
            + " write e.g. !{timestamp:yyyy/MM/dd/HH}");
  }

  @Test
  void refusesAPartitionKeyWithoutAValidName() {
    assertInvalid(() -> PathTemplate.prefix("!{partitionKey}"),
        "prefix '!{partitionKey}' at position 0: !{partitionKey} needs a key name;"
            + " write e.g. !{partitionKey:customer}");
    assertInvalid(() -> PathTemplate.prefix("!{partitionKey:}"),
        "prefix '!{partitionKey:}' at position 0: !{partitionKey} needs a key name;"
            + " write e.g. !{partitionKey:customer}");
    assertInvalid(() -> PathTemplate.prefix("!{partitionKey:a b}"),
        "prefix '!{partitionKey:a b}' at position 0: partition key name 'a b' is not 1-64 letters,"
            + " digits, '_', '.' or '-'; rename the key");
  }

  @Test
  void refusesTheErrorOutputTypeOutsideAnErrorPrefix() {
    assertInvalid(() -> PathTemplate.prefix("out/!{error-output-type}/"),
        "prefix 'out/!{error-output-type}/' at position 4: !{error-output-type} is only allowed in"
            + " an error prefix; move it to --error-prefix");
    assertInvalid(() -> PathTemplate.prefix("!{firehose:error-output-type}"),
        "prefix '!{firehose:error-output-type}' at position 0: !{error-output-type} is only allowed"
            + " in an error prefix; move it to --error-prefix");
  }

  @Test
  void refusesPartitionKeysInAnErrorPrefix() {
    assertInvalid(() -> PathTemplate.errorPrefix("e/!{partitionKey:customer}/"),
        "error prefix 'e/!{partitionKey:customer}/' at position 2: partition keys cannot be used in"
            + " an error prefix, since failed records may lack them; remove the"
            + " !{partitionKey:...} expression");
  }

  @Test
  void refusesATemplateLongerThan1024Characters() {
    String longText = "a".repeat(1025);
    assertThatThrownBy(() -> PathTemplate.prefix(longText))
        .isInstanceOf(TributaryException.class)
        .hasMessage("prefix is 1025 characters, more than the maximum 1024; shorten it");
    assertThat(PathTemplate.prefix("a".repeat(1024)).template()).hasSize(1024);
  }

  @Test
  void eachRenderMethodBelongsToItsKind() {
    assertThatThrownBy(() -> PathTemplate.errorPrefix("").render(ARRIVAL, Map.of(), new SplittableRandom(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call renderError");
    assertThatThrownBy(() -> PathTemplate.prefix("")
            .renderError(ARRIVAL, ErrorOutputType.PROCESSING_FAILED, new SplittableRandom(1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("call render");
  }

  private static String render(PathTemplate template, Map<String, String> keys) {
    return ((PathTemplate.Rendered) template.render(ARRIVAL, keys, new SplittableRandom(1))).path();
  }

  private static String reason(PathTemplate template, String value) {
    return ((PathTemplate.Unresolved) template.render(ARRIVAL, Map.of("k", value), new SplittableRandom(1)))
        .reason();
  }

  private static void assertInvalid(ThrowingCallable parse, String message) {
    assertThatThrownBy(parse)
        .isInstanceOfSatisfying(TributaryException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage(message);
  }
}
