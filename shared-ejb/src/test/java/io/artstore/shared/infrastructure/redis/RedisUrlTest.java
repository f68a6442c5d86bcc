package io.artstore.shared.infrastructure.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisUrlTest {

  @Test
  void parsesPlainUrl() {
    RedisUrl url = RedisUrl.parse(URI.create("redis://localhost:16379"));
    assertEquals("localhost", url.host());
    assertEquals(16379, url.port());
    assertEquals(0, url.database());
    assertNull(url.user());
    assertNull(url.password());
    assertFalse(url.tls());
  }

  @Test
  void parsesCredentialsDatabaseAndTls() {
    RedisUrl url = RedisUrl.parse(URI.create("rediss://app:s%40cret@redis.example:6380/3"));
    assertEquals("app", url.user());
    assertEquals("s@cret", url.password());
    assertEquals(3, url.database());
    assertTrue(url.tls());
    assertFalse(url.toString().contains("cret"), "toString must not print the password");
  }

  @Test
  void passwordOnlyAndDefaultPort() {
    RedisUrl url = RedisUrl.parse(URI.create("redis://:pw@host"));
    assertNull(url.user());
    assertEquals("pw", url.password());
    assertEquals(6379, url.port());
  }

  @Test
  void refusesOtherSchemes() {
    assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse(URI.create("http://host:1")));
  }
}
