package io.artstore.admin.application.audit;

import io.artstore.admin.domain.audit.AuditChain;
import io.artstore.admin.infrastructure.AuditRepository;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** Reading the audit log and verifying its chain. */
@ApplicationScoped
public class AuditQueries {
  @Inject AuditRepository repository;
  @Inject AuditLog log;

  /** The outcome of a verification: the first record whose link does not hold, if any. */
  public record Verification(
      boolean valid, long checked, AuditRepository.Stored firstBroken, String reason) {}

  public Page<AuditRepository.Stored> list(AuditRepository.Filter filter, PageRequest page)
      throws SQLException {
    return Page.of(
        repository.list(filter, page.limit(), page.offset()), repository.count(filter), page);
  }

  /**
   * Walks the chain in order: each record must name the previous record's MAC (a deleted or moved
   * record breaks this) and carry the MAC of its own content (a changed record breaks this).
   */
  public Verification verify() throws SQLException {
    AuditChain chain = log.chain();
    AtomicReference<String> previous = new AtomicReference<>(AuditChain.GENESIS);
    AtomicLong checked = new AtomicLong();
    AtomicReference<AuditRepository.Stored> broken = new AtomicReference<>();
    AtomicReference<String> reason = new AtomicReference<>();
    repository.walk(
        stored -> {
          if (broken.get() != null) {
            return;
          }
          checked.incrementAndGet();
          if (!stored.prevMac().equals(previous.get())) {
            broken.set(stored);
            reason.set("does not follow the previous record (one was deleted, inserted or moved)");
          } else if (!chain.mac(stored.event(), stored.prevMac()).equals(stored.mac())) {
            broken.set(stored);
            reason.set("its content does not match its MAC (it was changed)");
          }
          previous.set(stored.mac());
        });
    return new Verification(broken.get() == null, checked.get(), broken.get(), reason.get());
  }
}
