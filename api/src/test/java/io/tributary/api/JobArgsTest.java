package io.tributary.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JobArgsTest {
  @Test
  void parsesPairsFlagsAndPositionals() {
    JobArgs args = JobArgs.parse(new String[] {"--input", "/in", "--verbose", "--rate=50", "extra", "--dry-run"});

    assertThat(args.required("input")).isEqualTo("/in");
    assertThat(args.getBoolean("verbose", false)).isTrue();
    assertThat(args.getBoolean("dry-run", false)).isTrue();
    assertThat(args.getLong("rate", 1)).isEqualTo(50);
    assertThat(args.getInt("missing", 7)).isEqualTo(7);
    assertThat(args.get("output")).isEmpty();
    assertThat(args.positional()).containsExactly("extra");
  }

  @Test
  void missingOrMalformedArgumentsExplainTheFix() {
    JobArgs args = JobArgs.parse(new String[] {"--rate", "fast"});

    assertThatThrownBy(() -> args.required("input")).hasMessageContaining("missing required argument --input")
        .hasMessageContaining("'--input <value>'");
    assertThatThrownBy(() -> args.getLong("rate", 1)).hasMessageContaining("--rate must be a whole number");
  }
}
