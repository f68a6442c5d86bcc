package io.artstore.storage.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CapacityLedgerTest {

  @Test
  void reservesWithinTheLimitUpToExactlyTheLimit() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    assertTrue(ledger.tryReserve(60));
    assertTrue(ledger.tryReserve(40), "used + reserved == limit fits");
    assertFalse(ledger.tryReserve(1));
  }

  @Test
  void refusesOverTheLimitAndReservesNothingThen() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    assertFalse(ledger.tryReserve(101));
    assertTrue(ledger.tryReserve(100), "the refused attempt reserved nothing");
  }

  @Test
  void zeroOrNegativeReservationsAlwaysSucceed() {
    CapacityLedger ledger = new CapacityLedger(() -> 0);
    assertTrue(ledger.tryReserve(0));
    assertTrue(ledger.tryReserve(-5));
    assertFalse(ledger.tryReserve(1));
  }

  @Test
  void releaseFreesTheReservation() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    assertTrue(ledger.tryReserve(80));
    assertFalse(ledger.tryReserve(30));
    ledger.release(80);
    assertTrue(ledger.tryReserve(100));
    assertEquals(0, ledger.used());
  }

  @Test
  void releasingMoreThanReservedDoesNotCreateCredit() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    assertTrue(ledger.tryReserve(10));
    ledger.release(1_000);
    assertTrue(ledger.tryReserve(100));
    assertFalse(ledger.tryReserve(1));
  }

  @Test
  void storedTurnsTheReservationIntoUsedBytesAndCountsTheFile() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    ledger.reset(10, 2);
    assertTrue(ledger.tryReserve(50));
    ledger.stored(50, 45);
    assertEquals(55, ledger.used());
    assertEquals(3, ledger.files());
    assertTrue(ledger.tryReserve(45), "the reservation is gone, the 45 stored bytes count");
    assertFalse(ledger.tryReserve(1));
  }

  @Test
  void removedGivesBytesBackAndNeverGoesNegative() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    ledger.reset(90, 2);
    assertFalse(ledger.tryReserve(20));
    ledger.removed(30);
    assertEquals(60, ledger.used());
    assertEquals(1, ledger.files());
    assertTrue(ledger.tryReserve(40));
    ledger.removed(1_000);
    ledger.removed(1);
    assertEquals(0, ledger.used());
    assertEquals(0, ledger.files());
  }

  @Test
  void resetReplacesUsedAndFilesButKeepsReservations() {
    CapacityLedger ledger = new CapacityLedger(() -> 100);
    assertTrue(ledger.tryReserve(30));
    ledger.reset(70, 5);
    assertEquals(70, ledger.used());
    assertEquals(5, ledger.files());
    assertFalse(ledger.tryReserve(1));
  }

  @Test
  void theLimitIsAskedEveryTime() {
    AtomicLong limit = new AtomicLong(10);
    CapacityLedger ledger = new CapacityLedger(limit::get);
    assertFalse(ledger.tryReserve(20));
    limit.set(20);
    assertEquals(20, ledger.total());
    assertTrue(ledger.tryReserve(20));
  }

  @Test
  void concurrentReservationsNeverExceedTheLimit() throws Exception {
    long limit = 1_000;
    long size = 7;
    CapacityLedger ledger = new CapacityLedger(() -> limit);
    int threads = 32;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int ok = 0;
                  for (int i = 0; i < 100; i++) {
                    if (ledger.tryReserve(size)) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      start.countDown();
      long successes = 0;
      for (Future<Integer> f : results) {
        successes += f.get(30, TimeUnit.SECONDS);
      }
      assertTrue(successes * size <= limit, successes + " x " + size);
      assertEquals(limit / size, successes, "3200 attempts fill the ledger exactly");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentReserveReleaseStoreKeepsTheInvariant() throws Exception {
    long limit = 10_000;
    CapacityLedger ledger = new CapacityLedger(() -> limit);
    // Bytes known to be held (reserved or stored): counted up only after a successful
    // reservation and down before a release, so it never exceeds what the ledger holds.
    AtomicLong held = new AtomicLong();
    AtomicLong maxHeld = new AtomicLong();
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> results = new ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        int seed = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  java.util.Random random = new java.util.Random(seed);
                  for (int i = 0; i < 2_000; i++) {
                    long bytes = 1 + random.nextInt(900);
                    if (!ledger.tryReserve(bytes)) {
                      continue;
                    }
                    maxHeld.accumulateAndGet(held.addAndGet(bytes), Math::max);
                    if (random.nextInt(10) == 0) {
                      ledger.stored(bytes, bytes);
                      ledger.removed(bytes);
                      held.addAndGet(-bytes);
                    } else {
                      held.addAndGet(-bytes);
                      ledger.release(bytes);
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : results) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertTrue(maxHeld.get() <= limit, "max held " + maxHeld.get());
    assertEquals(0, ledger.used());
    assertTrue(ledger.tryReserve(limit), "everything was given back");
  }
}
