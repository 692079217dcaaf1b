package io.tributary.coordinator.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.error.ErrorCode;
import io.tributary.common.error.TributaryException;
import io.tributary.common.zk.Registrations;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotPlacementTest {
  private static final Registrations.Worker A = new Registrations.Worker("a", "127.0.0.1:1", 4);
  private static final Registrations.Worker B = new Registrations.Worker("b", "127.0.0.1:2", 4);

  private static PlanShape plan(int... parallelism) {
    List<PlanShape.VertexShape> vertices = new java.util.ArrayList<>();
    for (int i = 0; i < parallelism.length; i++) {
      vertices.add(new PlanShape.VertexShape(i + 1, "v" + (i + 1), parallelism[i], i == 0 ? List.of() : List.of(i)));
    }
    return new PlanShape("job", 128, vertices);
  }

  @Test
  void spreadsEachVertexOverTheWorkers() {
    Map<Integer, List<Registrations.Worker>> placed = SlotPlacement.place(plan(2, 2),
        List.of(new SlotPlacement.FreeSlots(A, 4), new SlotPlacement.FreeSlots(B, 4)));

    assertThat(placed.get(1)).containsExactly(A, B);
    assertThat(placed.get(2)).containsExactly(A, B);
  }

  @Test
  void startsWithTheWorkerWithMostFreeSlotsAndSkipsFullOnes() {
    Map<Integer, List<Registrations.Worker>> placed = SlotPlacement.place(plan(3, 1),
        List.of(new SlotPlacement.FreeSlots(A, 1), new SlotPlacement.FreeSlots(B, 3)));

    assertThat(placed.get(1)).containsExactly(B, A, B);
    assertThat(placed.get(2)).containsExactly(B);
  }

  @Test
  void subtaskIOfEveryVertexSharesSlotISoAJobNeedsItsWidestVertexInSlots() {
    Map<Integer, List<Registrations.Worker>> placed = SlotPlacement.place(plan(4, 4, 2),
        List.of(new SlotPlacement.FreeSlots(A, 2), new SlotPlacement.FreeSlots(B, 2)));

    assertThat(placed.get(1)).containsExactly(A, B, A, B);
    assertThat(placed.get(2)).containsExactly(A, B, A, B);
    assertThat(placed.get(3)).containsExactly(A, B);
  }

  @Test
  void refusesAJobNeedingMoreSlotsThanAreFreeNamingBothAndTheFix() {
    assertThatThrownBy(() -> SlotPlacement.place(plan(8, 4),
        List.of(new SlotPlacement.FreeSlots(A, 4), new SlotPlacement.FreeSlots(B, 3))))
        .isInstanceOfSatisfying(TributaryException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_EXCEEDED))
        .hasMessageContaining("needs 8 task slots but only 7 are free on 2 live worker(s)")
        .hasMessageContaining("--slots").hasMessageContaining("--parallelism");
    assertThatThrownBy(() -> SlotPlacement.place(plan(1), List.of()))
        .hasMessageContaining("needs 1 task slots but only 0 are free on 0 live worker(s)");
  }
}
