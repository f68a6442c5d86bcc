package io.artstore.system;

import static io.artstore.system.ServicesHttpIT.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.launcher.testing.TestTokens;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The audit log: what the earlier tests did is recorded, and tampering is detected exactly. */
@Order(8)
class AuditIT {
  private static final String EVENTS = RunningSystem.url("admin") + "/api/v1/audit-events";

  @BeforeAll
  static void system() {
    RunningSystem.get();
  }

  @Test
  void securityActionsAreRecordedWithActorAndResult() throws Exception {
    // A refused and a granted token, just now.
    Http.form(
        RunningSystem.url("admin") + "/api/v1/auth/token",
        "grant_type=client_credentials&client_id=sa_it_audit_probe&client_secret=x",
        Map.of());
    String adminToken = RunningSystem.adminToken();
    KeyRotationIT.awaitTrue(
        Duration.ofSeconds(5),
        () -> !events("?action=token.issue&result=failure&actor=sa_it_audit_probe").isEmpty(),
        "failure recorded");
    assertFalse(
        events("?action=token.issue&result=success&actor=" + RunningSystem.CLIENT_ID).isEmpty());
    List<JsonObject> creates = events("?action=service_account.create");
    assertFalse(creates.isEmpty(), "ServiceAccountsIT created accounts");
    assertEquals(RunningSystem.CLIENT_ID, creates.get(0).getString("actor"));
    assertEquals("service_account", creates.get(0).getString("actor_type"));
    assertTrue(creates.get(0).getString("resource").startsWith("service_account:"));
    assertFalse(events("?action=service_account.rotate_secret").isEmpty());
    assertFalse(events("?action=service_account.delete").isEmpty());
    List<JsonObject> rotations = events("?action=key.rotate");
    assertTrue(
        rotations.stream().anyMatch(e -> e.getString("actor").equals("system")),
        "automatic rotation");
    assertTrue(
        rotations.stream().anyMatch(e -> e.getString("actor").equals(RunningSystem.CLIENT_ID)),
        "rotation by API");
    assertTrue(adminToken.length() > 0);
  }

  @Test
  void auditorsAndAdminsReadOthersDoNot() throws Exception {
    TestTokens tokens = RunningSystem.get().tokens();
    assertEquals(
        200,
        Http.get(EVENTS, AuthIT.bearer(tokens.serviceAccount("sa_it", "AUDITOR"))).statusCode());
    assertEquals(
        200,
        Http.get(EVENTS + "/verify", AuthIT.bearer(tokens.serviceAccount("sa_it", "AUDITOR")))
            .statusCode());
    for (String role : new String[] {"USER", "READONLY"}) {
      assertEquals(
          403,
          Http.get(EVENTS, AuthIT.bearer(tokens.serviceAccount("sa_it", role))).statusCode(),
          role);
      assertEquals(
          403,
          Http.get(EVENTS + "/verify", AuthIT.bearer(tokens.serviceAccount("sa_it", role)))
              .statusCode(),
          role);
    }
    assertProblem(
        Http.get(EVENTS + "?from=yesterday", RunningSystem.asAdmin()), 400, "VALIDATION_ERROR");
    assertProblem(
        Http.get(EVENTS + "?result=maybe", RunningSystem.asAdmin()), 400, "VALIDATION_ERROR");
    assertProblem(
        Http.get(
            EVENTS + "?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", RunningSystem.asAdmin()),
        400,
        "VALIDATION_ERROR");
  }

  @Test
  void tamperingWithOneRecordIsReportedAtThatRecord() throws Exception {
    JsonObject clean = verify();
    assertTrue(clean.getBoolean("valid"), clean.toString());
    assertTrue(clean.getInt("checked") > 10);
    try (Connection db = RunningSystem.database()) {
      long victim = scalar(db, "SELECT seq FROM admin.audit_events ORDER BY seq OFFSET 5 LIMIT 1");
      String original = text(db, "SELECT result FROM admin.audit_events WHERE seq = " + victim);
      // Changed: that very record is reported.
      update(
          db,
          "UPDATE admin.audit_events SET result = '"
              + (original.equals("success") ? "failure" : "success")
              + "' WHERE seq = "
              + victim);
      JsonObject changed = verify();
      assertFalse(changed.getBoolean("valid"));
      assertEquals(victim, changed.getJsonObject("first_broken").getJsonNumber("seq").longValue());
      assertTrue(changed.getString("reason").contains("changed"), changed.toString());
      update(db, "UPDATE admin.audit_events SET result = '" + original + "' WHERE seq = " + victim);
      assertTrue(verify().getBoolean("valid"), "restored");

      // Deleted: the record after it is reported.
      long next =
          scalar(
              db,
              "SELECT seq FROM admin.audit_events WHERE seq > " + victim + " ORDER BY seq LIMIT 1");
      update(
          db, "CREATE TEMP TABLE saved AS SELECT * FROM admin.audit_events WHERE seq = " + victim);
      update(db, "DELETE FROM admin.audit_events WHERE seq = " + victim);
      JsonObject deleted = verify();
      assertFalse(deleted.getBoolean("valid"));
      assertEquals(next, deleted.getJsonObject("first_broken").getJsonNumber("seq").longValue());
      assertTrue(deleted.getString("reason").contains("deleted"), deleted.toString());
      update(db, "INSERT INTO admin.audit_events SELECT * FROM saved");
      assertTrue(verify().getBoolean("valid"), "restored");
    }
  }

  private static JsonObject verify() {
    return Http.json(Http.get(EVENTS + "/verify", RunningSystem.asAdmin()));
  }

  private static List<JsonObject> events(String query) {
    return Http.json(Http.get(EVENTS + query, RunningSystem.asAdmin()))
        .getJsonArray("items")
        .getValuesAs(JsonObject.class);
  }

  private static long scalar(Connection db, String sql) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static String text(Connection db, String sql) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void update(Connection db, String sql) throws Exception {
    try (PreparedStatement s = db.prepareStatement(sql)) {
      s.execute();
    }
  }
}
