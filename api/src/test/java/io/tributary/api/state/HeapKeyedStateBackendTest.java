package io.tributary.api.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.graph.KeyGroupRange;
import io.tributary.api.graph.KeyGroups;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeapKeyedStateBackendTest {
  private static final int MAX = 128;

  private final HeapKeyedStateBackend backend = new HeapKeyedStateBackend(new KeyGroupRange(0, MAX - 1), MAX);

  @Test
  void valueStateIsIsolatedPerKeyAndFallsBackToTheDefault() {
    ValueState<Integer> count = backend.getState(new ValueStateDescriptor<>("count", 0));
    backend.setCurrentKey("a");
    count.update(5);
    backend.setCurrentKey("b");
    assertThat(count.value()).isZero();
    count.update(7);
    backend.setCurrentKey("a");
    assertThat(count.value()).isEqualTo(5);
    count.update(null);
    assertThat(count.value()).isZero();
    assertThat(backend.numKeys("count")).isEqualTo(1);
  }

  @Test
  void listAndMapStateAreScopedToTheCurrentKey() {
    ListState<String> list = backend.getListState(new ListStateDescriptor<>("list"));
    MapState<String, Integer> map = backend.getMapState(new MapStateDescriptor<>("map"));
    backend.setCurrentKey(1);
    list.add("x");
    list.addAll(List.of("y", "z"));
    map.putAll(Map.of("k", 1, "l", 2));
    backend.setCurrentKey(2);
    assertThat(list.get()).isEmpty();
    assertThat(map.isEmpty()).isTrue();
    assertThat(map.get("k")).isNull();
    backend.setCurrentKey(1);
    assertThat(list.get()).containsExactly("x", "y", "z");
    map.remove("k");
    assertThat(map.keys()).containsExactly("l");
    list.update(List.of("only"));
    assertThat(list.get()).containsExactly("only");
    list.clear();
    map.clear();
    assertThat(list.get()).isEmpty();
    assertThat(backend.nonEmptyKeyGroups()).isEmpty();
  }

  @Test
  void stateIsGroupedByTheKeysKeyGroup() {
    ValueState<String> value = backend.getState(new ValueStateDescriptor<>("v"));
    for (String key : List.of("a", "b", "c", "d")) {
      backend.setCurrentKey(key);
      value.update(key);
      assertThat(backend.currentKeyGroup()).isEqualTo(KeyGroups.keyGroupFor(key, MAX));
    }
    assertThat(backend.nonEmptyKeyGroups()).containsExactlyInAnyOrder(
        List.of("a", "b", "c", "d").stream().map(k -> KeyGroups.keyGroupFor(k, MAX)).distinct().toArray(Integer[]::new));
  }

  @Test
  void aKeyOutsideTheSubtasksKeyGroupsFailsClearly() {
    KeyGroupRange firstHalf = KeyGroups.rangeFor(MAX, 2, 0);
    HeapKeyedStateBackend half = new HeapKeyedStateBackend(firstHalf, MAX);
    int foreign = 0;
    while (firstHalf.contains(KeyGroups.keyGroupFor(foreign, MAX))) {
      foreign++;
    }
    int key = foreign;
    assertThatThrownBy(() -> half.setCurrentKey(key))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside this subtask's key groups [0, 63]");
  }

  @Test
  void oneNameCannotBeTwoKindsOfState() {
    backend.getState(new ValueStateDescriptor<>("same"));
    assertThatThrownBy(() -> backend.getListState(new ListStateDescriptor<>("same")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("state 'same' is already registered as a ValueState");
  }

  @Test
  void stateWithoutACurrentKeyFailsClearly() {
    ValueState<String> value = backend.getState(new ValueStateDescriptor<>("v"));
    assertThatThrownBy(value::value).isInstanceOf(IllegalStateException.class).hasMessageContaining("no current key");
  }

  @Test
  void removingFromAnEmptyMapIsANoOp() {
    MapState<String, Integer> map = backend.getMapState(new MapStateDescriptor<>("map"));
    backend.setCurrentKey("a");
    map.remove("absent");
    map.put("x", 1);
    map.remove("x");
    assertThat(map.isEmpty()).isTrue();
    assertThat(backend.numKeys("map")).isZero();
  }
}
