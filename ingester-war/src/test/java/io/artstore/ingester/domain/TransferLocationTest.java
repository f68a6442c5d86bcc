package io.artstore.ingester.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferLocationTest {
  static final String ID = "0d6c2b8e-9f0a-4c61-8d8e-3f1b8f0b9a77";
  static final URI INGESTER = URI.create("http://ingester.example:8020/");

  @Test
  void adminsLocationBecomesTheIngestersOwn() {
    assertEquals(
        Optional.of(URI.create("http://ingester.example:8020/api/v1/transfers/" + ID)),
        TransferLocation.onIngester("http://localhost:8000/api/v1/transfers/" + ID, INGESTER));
  }

  @Test
  void aBaseWithoutTrailingSlashOrWithAContextPathStillResolves() {
    assertEquals(
        Optional.of(URI.create("http://ingester.example:8020/api/v1/transfers/" + ID)),
        TransferLocation.onIngester(
            "http://admin/api/v1/transfers/" + ID, URI.create("http://ingester.example:8020")));
    assertEquals(
        Optional.of(URI.create("https://proxy/ingest/api/v1/transfers/" + ID)),
        TransferLocation.onIngester(
            "http://admin/api/v1/transfers/" + ID, URI.create("https://proxy/ingest/")));
  }

  @Test
  void relativeLocationsAndAdminContextPathsAreUnderstood() {
    URI expected = URI.create("http://ingester.example:8020/api/v1/transfers/" + ID);
    assertEquals(
        Optional.of(expected), TransferLocation.onIngester("/api/v1/transfers/" + ID, INGESTER));
    assertEquals(
        Optional.of(expected), TransferLocation.onIngester("api/v1/transfers/" + ID, INGESTER));
    assertEquals(
        Optional.of(expected),
        TransferLocation.onIngester("http://admin:8000/admin/api/v1/transfers/" + ID, INGESTER));
    assertEquals(
        Optional.of(expected),
        TransferLocation.onIngester("http://admin:8000/api/v1/transfers/" + ID + "/", INGESTER));
    assertEquals(
        Optional.of(expected),
        TransferLocation.onIngester(
            "http://admin:8000/api/v1/transfers/" + ID.toUpperCase(java.util.Locale.ROOT),
            INGESTER));
  }

  @Test
  void aLocationThatNamesNoTransferGivesNone() {
    for (String location :
        new String[] {
          null,
          "",
          "  ",
          "http://admin:8000/api/v1/transfers/",
          "http://admin:8000/api/v1/transfers",
          "http://admin:8000/api/v1/files/" + ID,
          "http://admin:8000/api/v1/transfers/not-a-uuid",
          "http://admin:8000/api/v1/transfers/1-2-3-4-5",
          "http://admin:8000/api/v1/transfers/" + ID + "/items",
          "http://admin:8000/api/v1/transfers/" + ID + "?x=1 y",
          "::not a uri::"
        }) {
      assertEquals(
          Optional.empty(),
          TransferLocation.onIngester(location, INGESTER),
          String.valueOf(location));
    }
  }

  @Test
  void aQueryOrFragmentOnAdminsLocationIsNotCarriedOver() {
    assertEquals(
        Optional.of(URI.create("http://ingester.example:8020/api/v1/transfers/" + ID)),
        TransferLocation.onIngester("http://admin/api/v1/transfers/" + ID + "?a=b#c", INGESTER));
  }
}
