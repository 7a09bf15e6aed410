package dev.orderflow.platform.core;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class NewIdsTest {

  @Test
  void idsAreVersion7WithTheirCreationTimeUpFront() {
    long before = System.currentTimeMillis();
    UUID id = NewIds.uuid();
    long after = System.currentTimeMillis();

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
  }

  @Test
  void idsMadeInLaterMillisecondsSortAfterEarlierOnesAsText() {
    List<String> made = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      made.add(NewIds.next());
      long millisecond = System.currentTimeMillis();
      while (System.currentTimeMillis() == millisecond) {
        Thread.onSpinWait();
      }
    }

    assertThat(made).isSorted();
  }

  @Test
  void idsOfOneMillisecondStillDifferInTheirRandomBits() {
    HashSet<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      ids.add(NewIds.next());
    }

    assertThat(ids).hasSize(10_000);
  }
}
