package io.tributary.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagRulesTest {

  @Test
  void acceptsKinesisCharactersAndLengths() {
    Map<String, String> tags = Map.of("k".repeat(128), "v".repeat(256), "Équipe 7_./=+-%@", "", "日本", "値");

    TagRules.checkChange(tags, List.of("old"));

    assertThat(TagRules.forCreate("s", tags)).containsOnlyKeys(tags.keySet());
  }

  @Test
  void refusesMalformedTagsAsInvalidArguments() {
    assertInvalid(() -> TagRules.checkChange(Map.of("", "v"), List.of()), "tag key '' is invalid");
    assertInvalid(() -> TagRules.checkChange(Map.of("k".repeat(129), "v"), List.of()), "1 to 128");
    assertInvalid(() -> TagRules.checkChange(Map.of("a#b", "v"), List.of()), "tag key 'a#b' is invalid");
    assertInvalid(() -> TagRules.checkChange(Map.of("k", "v".repeat(257)), List.of()), "value of tag 'k'");
    assertInvalid(() -> TagRules.checkChange(Map.of("k", "a*b"), List.of()), "value of tag 'k'");
    assertInvalid(() -> TagRules.checkChange(Map.of(), List.of("a!")), "tag key 'a!' is invalid");
    assertInvalid(() -> TagRules.checkChange(Map.of(), List.of()), "at least one tag");
    assertInvalid(() -> TagRules.checkChange(Map.of("k", "v"), List.of("k")), "both set and removed");
  }

  @Test
  void boundsOneRequestAsKinesisDoes() {
    assertInvalid(() -> TagRules.checkChange(tags(201), List.of()), "201 tags exceed the limit of 200 per request");
    assertInvalid(() -> TagRules.checkChange(Map.of(), keys(51)), "51 tag keys to remove exceed the limit of 50");
    TagRules.checkChange(tags(200), List.of());
    TagRules.checkChange(Map.of(), keys(50));
  }

  @Test
  void aStreamHoldsAtMostFiftyTags() {
    Map<String, String> full = TagRules.apply("s", Map.of(), tags(50), List.of());

    assertThatThrownBy(() -> TagRules.apply("s", full, Map.of("extra", "x"), List.of()))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("stream 's' would have 51 tags, more than the limit of 50");
    assertThatThrownBy(() -> TagRules.forCreate("s", tags(51)))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED));
    assertThat(TagRules.apply("s", full, Map.of("k0", "new"), List.of("k1", "absent")))
        .hasSize(49).containsEntry("k0", "new").doesNotContainKey("k1");
  }

  private static Map<String, String> tags(int n) {
    Map<String, String> tags = new HashMap<>();
    for (int i = 0; i < n; i++) {
      tags.put("k" + i, "v" + i);
    }
    return tags;
  }

  private static List<String> keys(int n) {
    return tags(n).keySet().stream().toList();
  }

  private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining(message);
  }
}
