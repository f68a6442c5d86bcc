package io.artstore.transfer.ra;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * One element as an XA resource manager (DECISIONS D41). start() journals the branch (which
 * element, role, file) before anything reaches the element; prepare, commit and rollback map onto
 * the element's {@code /api/v1/transfers/{branch}/...} endpoints, where the branch id is the XID
 * (see {@link XidCodec}); recover() asks the elements of journalled branches which are still
 * prepared.
 *
 * <p>Answers, in XA terms: an element's 409 to prepare is a no vote (XA_RBROLLBACK); an element
 * that does not answer is XAER_RMFAIL, so the transaction manager retries commit and rollback until
 * it answers; a commit refused because the element rolled back is XA_HEURRB, a rollback refused
 * because it committed is XA_HEURCOM (neither happens unless an operator resolved a branch by
 * hand).
 */
final class ElementXAResource implements XAResource {
  private static final Logger LOG = Logger.getLogger(ElementXAResource.class.getName());

  private final ElementManagedConnectionFactory factory;
  private final ElementManagedConnection connection;
  private int timeoutSeconds;

  /**
   * @param connection the connection whose branches this resource starts; null for a resource used
   *     only to recover and complete branches after a crash
   */
  ElementXAResource(ElementManagedConnectionFactory factory, ElementManagedConnection connection) {
    this.factory = factory;
    this.connection = connection;
  }

  @Override
  public void start(Xid xid, int flags) throws XAException {
    if ((flags & (TMJOIN | TMRESUME)) != 0) {
      return;
    }
    BranchRequest request = connection == null ? null : connection.request();
    if (request == null) {
      throw error(XAException.XAER_PROTO, "no branch was asked for on this connection");
    }
    String branch = XidCodec.encode(xid);
    try {
      factory
          .journal()
          .record(new BranchJournal.Entry(branch, request, factory.run(), Instant.now()));
    } catch (RuntimeException e) {
      throw error(XAException.XAER_RMERR, "branch journal not written: " + e.getMessage());
    }
    connection.started(xid);
  }

  @Override
  public void end(Xid xid, int flags) {
    // Nothing to do: the element hears of the branch at staging and prepare.
  }

  @Override
  public int prepare(Xid xid) throws XAException {
    String branch = XidCodec.encode(xid);
    BranchJournal.Entry entry =
        entry(branch).orElseThrow(() -> error(XAException.XAER_NOTA, branch));
    ElementCalls.Answer answer;
    try {
      answer = factory.calls().prepare(entry.request(), branch);
    } catch (IOException e) {
      throw error(XAException.XAER_RMFAIL, entry, "prepare: " + e);
    }
    if (answer.status() == 200) {
      factory.faults().afterPrepareYes(branch);
      return XA_OK;
    }
    if (answer.status() == 409) {
      // A no vote: the element rolled its branch back already.
      factory.journal().remove(branch);
      throw error(XAException.XA_RBROLLBACK, entry, "voted no: " + answer.body());
    }
    throw error(
        answer.status() >= 500 ? XAException.XAER_RMFAIL : XAException.XAER_RMERR,
        entry,
        "prepare answered " + answer.status() + ": " + answer.body());
  }

  @Override
  public void commit(Xid xid, boolean onePhase) throws XAException {
    String branch = XidCodec.encode(xid);
    Optional<BranchJournal.Entry> found = entry(branch);
    if (found.isEmpty()) {
      // The journal entry goes only after the element reported the outcome: committed already.
      return;
    }
    BranchJournal.Entry entry = found.get();
    if (onePhase) {
      prepare(xid);
    }
    factory.faults().beforeCommit(branch, HexFormat.of().formatHex(xid.getGlobalTransactionId()));
    ElementCalls.Answer answer;
    try {
      answer = factory.calls().commit(entry.request(), branch);
    } catch (IOException e) {
      throw error(XAException.XAER_RMFAIL, entry, "commit: " + e);
    }
    if (answer.status() == 200) {
      factory.journal().remove(branch);
      return;
    }
    if (answer.status() == 409) {
      throw error(XAException.XA_HEURRB, entry, "commit refused: " + answer.body());
    }
    throw error(
        XAException.XAER_RMFAIL,
        entry,
        "commit answered " + answer.status() + ": " + answer.body());
  }

  @Override
  public void rollback(Xid xid) throws XAException {
    String branch = XidCodec.encode(xid);
    Optional<BranchJournal.Entry> found = entry(branch);
    if (found.isEmpty()) {
      return;
    }
    BranchJournal.Entry entry = found.get();
    ElementCalls.Answer answer;
    try {
      answer = factory.calls().rollback(entry.request(), branch);
    } catch (IOException e) {
      throw error(XAException.XAER_RMFAIL, entry, "rollback: " + e);
    }
    if (answer.status() == 200) {
      factory.journal().remove(branch);
      return;
    }
    if (answer.status() == 409) {
      throw error(XAException.XA_HEURCOM, entry, "rollback refused: " + answer.body());
    }
    throw error(
        XAException.XAER_RMFAIL,
        entry,
        "rollback answered " + answer.status() + ": " + answer.body());
  }

  @Override
  public void forget(Xid xid) {
    factory.journal().remove(XidCodec.encode(xid));
  }

  /**
   * The prepared branches of earlier runs: every journalled branch whose element still holds it
   * prepared (or half-committed). Branches the element never prepared are rolled back here (their
   * staged copies go), finished ones leave the journal. Branches of this run belong to transactions
   * still in flight and are left alone. An element that does not answer fails the whole scan
   * (XAER_RMFAIL): the transaction manager scans again later, and no in-doubt branch is missed.
   */
  @Override
  public Xid[] recover(int flags) throws XAException {
    if ((flags & TMSTARTRSCAN) == 0) {
      return new Xid[0];
    }
    List<Xid> inDoubt = new ArrayList<>();
    for (BranchJournal.Entry entry : factory.journal().all()) {
      if (factory.run().equals(entry.run())) {
        continue;
      }
      try {
        ElementCalls.Answer answer = factory.calls().get(entry.request(), entry.branch());
        String state = answer.status() == 200 ? answer.state() : null;
        if (answer.status() == 404 || "committed".equals(state) || "rolled_back".equals(state)) {
          factory.journal().remove(entry.branch());
        } else if ("prepared".equals(state) || "committing".equals(state)) {
          inDoubt.add(XidCodec.decode(entry.branch()));
        } else if ("staging".equals(state) || "staged".equals(state)) {
          // Never prepared: no decision can exist; drop the staged copy now.
          ElementCalls.Answer rolledBack =
              factory.calls().rollback(entry.request(), entry.branch());
          if (rolledBack.status() == 200) {
            factory.journal().remove(entry.branch());
          }
        } else {
          throw error(
              XAException.XAER_RMFAIL,
              entry,
              "recover: branch lookup answered " + answer.status() + ": " + answer.body());
        }
      } catch (IOException e) {
        throw error(XAException.XAER_RMFAIL, entry, "recover: " + e);
      }
    }
    if (!inDoubt.isEmpty()) {
      LOG.info("Transfer branches in doubt after a restart: " + inDoubt);
    }
    return inDoubt.toArray(new Xid[0]);
  }

  @Override
  public boolean isSameRM(XAResource other) {
    // Each element is its own resource manager, and each branch its own XID: never join.
    return other == this;
  }

  @Override
  public int getTransactionTimeout() {
    return timeoutSeconds;
  }

  @Override
  public boolean setTransactionTimeout(int seconds) {
    this.timeoutSeconds = seconds;
    return true;
  }

  private Optional<BranchJournal.Entry> entry(String branch) throws XAException {
    try {
      return factory.journal().find(branch);
    } catch (RuntimeException e) {
      throw error(XAException.XAER_RMERR, "branch journal not readable: " + e.getMessage());
    }
  }

  private static XAException error(int code, BranchJournal.Entry entry, String message) {
    return error(
        code,
        entry.request().role()
            + " branch "
            + entry.branch()
            + " of file "
            + entry.request().fileId()
            + " on "
            + entry.request().elementId()
            + ": "
            + message);
  }

  private static XAException error(int code, String message) {
    LOG.log(code == XAException.XA_RBROLLBACK ? Level.INFO : Level.WARNING, message);
    XAException e = new XAException(message);
    e.errorCode = code;
    return e;
  }
}
