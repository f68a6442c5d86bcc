package io.artstore.transfer.ra;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The XA mapping of the element's answers. The element is a small HTTP server answering what each
 * case needs (a 409 vote, a 500 during commit, a branch state during recovery): answers a real
 * element gives only in rare states; the real element is driven by the system tests (TransferIT).
 */
class ElementXAResourceTest {
  @TempDir Path journalDir;

  private HttpServer element;
  private final Map<String, Integer> statusByAction = new ConcurrentHashMap<>();
  private final Map<String, String> stateByBranch = new ConcurrentHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private ElementManagedConnectionFactory factory;

  @BeforeEach
  void start() throws IOException {
    element = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    element.createContext(
        "/api/v1/transfers/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String rest = path.substring("/api/v1/transfers/".length());
          String branch = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
          String action = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "get";
          calls.add(exchange.getRequestMethod() + " " + action + " " + branch);
          int status = statusByAction.getOrDefault(action, 200);
          String state = stateByBranch.get(branch);
          if (action.equals("get") && state == null) {
            status = 404;
          }
          byte[] body =
              ("{\"branch\":\"" + branch + "\",\"state\":\"" + state + "\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    element.start();
    factory = new ElementManagedConnectionFactory();
    factory.setJournalDirectory(journalDir.toString());
    factory.setRequestTimeoutSeconds(5);
    CoordinatorCredentials.install(() -> "Bearer test", () -> {});
  }

  @AfterEach
  void stop() {
    element.stop(0);
    CoordinatorCredentials.uninstall();
  }

  private String url() {
    return "http://127.0.0.1:" + element.getAddress().getPort();
  }

  private XAResource enlisted(Xid xid) throws Exception {
    ElementManagedConnection connection =
        (ElementManagedConnection)
            factory.createManagedConnection(
                null, new BranchRequest("se-1", url(), "target", "file-1", null));
    XAResource resource = connection.getXAResource();
    resource.start(xid, XAResource.TMNOFLAGS);
    assertEquals(XidCodec.encode(xid), connection.branchId());
    return resource;
  }

  private static Xid xid(int n) {
    return new XidCodec.DecodedXid(7, new byte[] {(byte) n, 1}, new byte[] {2});
  }

  @Test
  void aYesVoteThenCommitClearsTheJournal() throws Exception {
    Xid xid = xid(1);
    XAResource resource = enlisted(xid);
    assertTrue(factory.journal().find(XidCodec.encode(xid)).isPresent(), "journalled at start");
    assertEquals(XAResource.XA_OK, resource.prepare(xid));
    resource.commit(xid, false);
    assertTrue(factory.journal().all().isEmpty());
    String branch = XidCodec.encode(xid);
    assertEquals(List.of("POST prepare " + branch, "POST commit " + branch), calls);
  }

  @Test
  void a409ToPrepareIsANoVote() throws Exception {
    Xid xid = xid(2);
    XAResource resource = enlisted(xid);
    statusByAction.put("prepare", 409);
    XAException no = assertThrows(XAException.class, () -> resource.prepare(xid));
    assertEquals(XAException.XA_RBROLLBACK, no.errorCode);
    resource.rollback(xid); // the element rolled back already: nothing more to ask
    assertEquals(1, calls.size());
  }

  @Test
  void anElementThatFailsTheCommitIsRetriedLater() throws Exception {
    Xid xid = xid(3);
    XAResource resource = enlisted(xid);
    resource.prepare(xid);
    statusByAction.put("commit", 500);
    XAException fail = assertThrows(XAException.class, () -> resource.commit(xid, false));
    assertEquals(XAException.XAER_RMFAIL, fail.errorCode);
    assertTrue(factory.journal().find(XidCodec.encode(xid)).isPresent(), "kept for the retry");
    statusByAction.put("commit", 200);
    resource.commit(xid, false);
    assertTrue(factory.journal().all().isEmpty());
  }

  @Test
  void anElementThatIsDownIsRmfailAndAHeuristicRollbackIsReported() throws Exception {
    Xid xid = xid(4);
    XAResource resource = enlisted(xid);
    resource.prepare(xid);
    statusByAction.put("commit", 409);
    assertEquals(
        XAException.XA_HEURRB,
        assertThrows(XAException.class, () -> resource.commit(xid, false)).errorCode);
    element.stop(0);
    assertEquals(
        XAException.XAER_RMFAIL,
        assertThrows(XAException.class, () -> resource.rollback(xid)).errorCode);
  }

  @Test
  void recoverReturnsThePreparedBranchesOfEarlierRunsOnly() throws Exception {
    BranchRequest target = new BranchRequest("se-1", url(), "target", "f", null);
    Xid prepared = xid(10);
    Xid staged = xid(11);
    Xid unknown = xid(12);
    Xid committed = xid(13);
    Xid ours = xid(14);
    for (Xid x : List.of(prepared, staged, unknown, committed)) {
      factory
          .journal()
          .record(
              new BranchJournal.Entry(XidCodec.encode(x), target, "an-earlier-run", Instant.now()));
    }
    factory
        .journal()
        .record(
            new BranchJournal.Entry(XidCodec.encode(ours), target, factory.run(), Instant.now()));
    stateByBranch.put(XidCodec.encode(prepared), "prepared");
    stateByBranch.put(XidCodec.encode(staged), "staged");
    stateByBranch.put(XidCodec.encode(committed), "committed");
    stateByBranch.put(XidCodec.encode(ours), "prepared");

    XAResource recovery = factory.createManagedConnection(null, null).getXAResource();
    Xid[] inDoubt = recovery.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
    assertArrayEquals(new Xid[] {prepared}, inDoubt);
    assertEquals(0, recovery.recover(XAResource.TMNOFLAGS).length);
    assertTrue(calls.contains("POST rollback " + XidCodec.encode(staged)), "staged copy dropped");
    List<String> left = factory.journal().all().stream().map(BranchJournal.Entry::branch).toList();
    assertEquals(2, left.size());
    assertTrue(left.contains(XidCodec.encode(prepared)));
    assertTrue(left.contains(XidCodec.encode(ours)));

    recovery.commit(prepared, false);
    assertFalse(
        factory.journal().find(XidCodec.encode(prepared)).isPresent(), "resolved and forgotten");
  }

  @Test
  void withoutCredentialsRecoveryWaitsForAdmin() throws Exception {
    factory
        .journal()
        .record(
            new BranchJournal.Entry(
                XidCodec.encode(xid(20)),
                new BranchRequest("se-1", url(), "target", "f", null),
                "an-earlier-run",
                Instant.now()));
    CoordinatorCredentials.uninstall();
    XAResource recovery = factory.createManagedConnection(null, null).getXAResource();
    assertEquals(
        XAException.XAER_RMFAIL,
        assertThrows(XAException.class, () -> recovery.recover(XAResource.TMSTARTRSCAN)).errorCode);
  }
}
