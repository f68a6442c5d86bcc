package io.artstore.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.api.problem.ProblemCode;
import io.artstore.shared.client.storage.ElementInfo;
import io.artstore.shared.health.DatabaseDependency;
import io.artstore.storage.application.ElementService;
import io.artstore.storage.application.ElementSettings;
import io.artstore.storage.domain.ElementMode;
import io.artstore.storage.infrastructure.ElementStateFile;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built storage WAR inside a real Liberty: element {@code se-arq-1}, configured {@code rw} with
 * a 1 MB maximum (see src/test/liberty/server.xml).
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElementInContainerIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, new File("target/storage.war"))
        .addClass(ElementInContainerIT.class);
  }

  @Inject ElementService element;
  @Inject ElementSettings settings;
  @Inject DatabaseDependency database;

  @Resource(lookup = "jdbc/artstore")
  DataSource dataSource;

  @Test
  @Order(1)
  void infoReportsTheConfiguredElementWithCapacityBoundedByItsMaximum() {
    ElementInfo info = element.info();
    assertEquals("se-arq-1", info.elementId());
    assertEquals("rw", info.mode());
    assertEquals(1_000_000, info.capacity().totalBytes(), "1MB configured, far below the disk");
    assertEquals(
        info.capacity().totalBytes() - info.capacity().usedBytes(),
        info.capacity().availableBytes());
    assertNull(info.retentionDays(), "permanent store: no default retention");
    assertTrue(info.allowedOperations().contains("upload"));
    assertTrue(!info.allowedOperations().contains("delete"), "rw never deletes");
  }

  @Test
  @Order(2)
  void databaseIsNotCriticalForAnElement() {
    assertTrue(!database.critical());
  }

  @Test
  @Order(3)
  void transitionIsPersistedInTheStateFileAndRecordedInTheDatabase() throws Exception {
    assertThrows(ApiException.class, () -> element.transition(ElementMode.AR));
    ElementService.Transition transition = element.transition(ElementMode.RO);
    assertEquals("rw", transition.previousMode());
    assertEquals("ro", transition.mode());
    assertEquals(
        ElementMode.RO,
        new ElementStateFile(settings.dataDir()).read().orElseThrow().mode(),
        "the state file is the truth");
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT from_mode, to_mode, cause FROM mode_history ORDER BY id DESC")) {
      assertTrue(rs.next());
      assertEquals("rw", rs.getString(1));
      assertEquals("ro", rs.getString(2));
      assertEquals("api", rs.getString(3));
    }
    ApiException back = assertThrows(ApiException.class, () -> element.transition(ElementMode.RW));
    assertEquals(ProblemCode.INVALID_TRANSITION, back.code());
  }
}
