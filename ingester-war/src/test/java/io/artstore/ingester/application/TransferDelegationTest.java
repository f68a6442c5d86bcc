package io.artstore.ingester.application;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.ingester.infrastructure.AdminTransfersClient;
import io.artstore.ingester.infrastructure.AdminTransfersClient.Answer;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransferDelegationTest {
  static final URI BASE = URI.create("http://ingester:8020/");
  static final String BEARER = "Bearer caller-token";
  static final String PROBLEM = "application/problem+json";

  /** Admin as the delegation sees it: records the calls, answers what it is told. */
  static final class FakeAdmin extends AdminTransfersClient {
    final List<String> calls = new ArrayList<>();
    Answer answer;
    IOException failure;

    @Override
    public Answer start(String callerAuthorization, String request) throws IOException {
      return call("start " + callerAuthorization + " " + request);
    }

    @Override
    public Answer get(String callerAuthorization, UUID transferId) throws IOException {
      return call("get " + callerAuthorization + " " + transferId);
    }

    @Override
    public Answer finalizeFile(String callerAuthorization, UUID fileId, String request)
        throws IOException {
      return call("finalize " + callerAuthorization + " " + fileId + " " + request);
    }

    private Answer call(String call) throws IOException {
      calls.add(call);
      if (failure != null) {
        throw failure;
      }
      return answer;
    }
  }

  FakeAdmin admin;
  TransferDelegation delegation;

  @BeforeEach
  void wire() {
    admin = new FakeAdmin();
    IngestSettings settings = new IngestSettings();
    settings.retryAfter = "45s";
    delegation = new TransferDelegation();
    delegation.admin = admin;
    delegation.settings = settings;
  }

  static Answer answer(int status, String type, String body, String... headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      map.put(headers[i], headers[i + 1]);
    }
    return new Answer(status, type, body, map);
  }

  @Test
  void aStartedTransferIsRelayedWithItsLocationOnTheIngester() {
    String id = UUID.randomUUID().toString();
    String body = "{\"transfer_id\":\"" + id + "\",\"state\":\"running\"}";
    admin.answer =
        answer(
            202,
            "application/json",
            body,
            "Location",
            "http://localhost:8000/api/v1/transfers/" + id);
    String request = "{\"file_ids\":[\"x\"],\"target_storage_element_id\":\"se-rw-1\"}";

    TransferDelegation.Relayed relayed = delegation.start(request, BEARER, BASE);

    assertEquals(List.of("start " + BEARER + " " + request), admin.calls);
    assertEquals(202, relayed.status());
    assertEquals("application/json", relayed.contentType());
    assertEquals(body, relayed.body());
    assertEquals(
        Map.of("Location", "http://ingester:8020/api/v1/transfers/" + id), relayed.headers());
  }

  @Test
  void problemsComeBackUnchanged() {
    String problem =
        "{\"type\":\"about:blank\",\"title\":\"Validation failed\",\"status\":400,"
            + "\"code\":\"VALIDATION_ERROR\",\"errors\":[{\"field\":\"file_ids\"}]}";
    admin.answer = answer(400, PROBLEM, problem);
    TransferDelegation.Relayed relayed = delegation.start("{\"file_ids\":[]}", BEARER, BASE);
    assertEquals(400, relayed.status());
    assertEquals(PROBLEM, relayed.contentType());
    assertEquals(problem, relayed.body());
    assertEquals(Map.of(), relayed.headers());

    admin.answer = answer(503, PROBLEM, "{\"code\":\"SERVICE_UNAVAILABLE\"}", "Retry-After", "7");
    relayed = delegation.start("{}", BEARER, BASE);
    assertEquals(503, relayed.status());
    assertEquals(Map.of("Retry-After", "7"), relayed.headers());
  }

  @Test
  void aMissingBodyGoesToAdminAsAnEmptyOne() {
    admin.answer = answer(400, PROBLEM, "{}");
    delegation.start(null, BEARER, BASE);
    assertEquals(List.of("start " + BEARER + " "), admin.calls);
  }

  @Test
  void aLocationThatNamesNoTransferIsDroppedAndTheRestKept() {
    admin.answer =
        answer(
            202,
            "application/json",
            "{}",
            "Location",
            "http://localhost:8000/elsewhere",
            "Retry-After",
            "5");
    TransferDelegation.Relayed relayed = delegation.start("{}", BEARER, BASE);
    assertEquals(Map.of("Retry-After", "5"), relayed.headers());
  }

  @Test
  void finalizeRelaysTheRecordAndTheTransferId() {
    UUID file = UUID.randomUUID();
    String transfer = UUID.randomUUID().toString();
    admin.answer =
        answer(
            200, "application/json", "{\"file_id\":\"" + file + "\"}", "X-Transfer-Id", transfer);
    TransferDelegation.Relayed relayed =
        delegation.finalizeFile(
            file.toString(), "{\"target_storage_element_id\":\"se-rw-1\"}", BEARER, BASE);
    assertEquals(
        List.of("finalize " + BEARER + " " + file + " {\"target_storage_element_id\":\"se-rw-1\"}"),
        admin.calls);
    assertEquals(200, relayed.status());
    assertEquals(Map.of("X-Transfer-Id", transfer), relayed.headers());
  }

  @Test
  void finalizeWithoutABodyLetsAdminChooseTheElement() {
    UUID file = UUID.randomUUID();
    admin.answer = answer(409, PROBLEM, "{\"code\":\"CONFLICT\"}");
    delegation.finalizeFile(file.toString(), "", BEARER, BASE);
    delegation.finalizeFile(file.toString(), null, BEARER, BASE);
    delegation.finalizeFile(file.toString(), " \n", BEARER, BASE);
    String expected = "finalize " + BEARER + " " + file + " {}";
    assertEquals(List.of(expected, expected, expected), admin.calls);
  }

  @Test
  void getRelaysTheTransfer() {
    UUID transfer = UUID.randomUUID();
    admin.answer = answer(200, "application/json", "{\"state\":\"completed\"}");
    TransferDelegation.Relayed relayed = delegation.get(transfer.toString(), BEARER, BASE);
    assertEquals(List.of("get " + BEARER + " " + transfer), admin.calls);
    assertEquals(200, relayed.status());
    assertEquals("{\"state\":\"completed\"}", relayed.body());
  }

  @Test
  void idsThatAreNoUuidAreNotFoundWithoutAskingAdmin() {
    for (String id : new String[] {"not-a-uuid", "1-2-3-4-5", "", "..", "a/b"}) {
      ApiException get = assertThrows(ApiException.class, () -> delegation.get(id, BEARER, BASE));
      assertEquals(ProblemCode.NOT_FOUND, get.code());
      assertEquals(404, get.status());
      ApiException fin =
          assertThrows(ApiException.class, () -> delegation.finalizeFile(id, "{}", BEARER, BASE));
      assertEquals(ProblemCode.NOT_FOUND, fin.code());
    }
    assertTrue(admin.calls.isEmpty(), admin.calls.toString());
  }

  @Test
  void unreachableAdminIsServiceUnavailableWithRetryAfter() {
    admin.failure = new IOException("Admin unreachable: Connection refused");
    String id = UUID.randomUUID().toString();
    for (Runnable call :
        new Runnable[] {
          () -> delegation.start("{}", BEARER, BASE),
          () -> delegation.get(id, BEARER, BASE),
          () -> delegation.finalizeFile(id, null, BEARER, BASE)
        }) {
      ApiException e = assertThrows(ApiException.class, call::run);
      assertEquals(ProblemCode.SERVICE_UNAVAILABLE, e.code());
      assertEquals(503, e.status());
      assertEquals(Map.of("Retry-After", "45"), e.headers());
      assertTrue(!e.getMessage().contains("Connection refused"), e.getMessage());
    }
  }

  @Test
  void anAnswerWithoutBodyOrTypeIsRelayedAsSuch() {
    admin.answer = answer(401, null, "");
    TransferDelegation.Relayed relayed = delegation.start("{}", BEARER, BASE);
    assertEquals(401, relayed.status());
    assertNull(relayed.contentType());
    assertEquals("", relayed.body());
  }
}
