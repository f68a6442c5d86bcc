package io.artstore.ingester.infrastructure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.artstore.shared.api.multipart.Limits;
import io.artstore.shared.api.multipart.MultipartReader;
import io.artstore.shared.api.multipart.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the ingester writes, the element's reader reads back exactly. */
class MultipartWriterTest {
  @Test
  void fieldsAndFileRoundTripThroughTheElementsReader() throws IOException {
    byte[] content = new byte[300_000];
    new Random(3).nextBytes(content);
    for (String name :
        new String[] {
          "report.pdf",
          "Отчёт за квартал.pdf",
          "quote\"and\\backslash.txt",
          "line\r\nbreak\u0000nul.txt",
          "emoji 😀 100%.txt",
          "a+b*c.txt"
        }) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      String boundary = MultipartWriter.newBoundary();
      MultipartWriter writer = new MultipartWriter(out, boundary);
      writer.field("description", "Описание, \"quoted\"\r\nsecond line");
      writer.fileHeader("file", name, "application/pdf");
      writer.body().write(content);
      writer.endFile();
      writer.field("tags", "[\"a\"]");
      writer.end();

      MultipartReader reader =
          MultipartReader.of(
              MultipartWriter.contentType(boundary),
              new ByteArrayInputStream(out.toByteArray()),
              Limits.defaults());
      Part description = reader.next();
      assertEquals("description", description.name());
      assertEquals("Описание, \"quoted\"\r\nsecond line", description.readString(1024));
      Part file = reader.next();
      assertEquals("file", file.name());
      assertEquals(name, file.filename().orElseThrow(), "file name survives: " + name);
      assertEquals("application/pdf", file.contentType().orElseThrow());
      assertArrayEquals(content, file.body().readAllBytes());
      Part tags = reader.next();
      assertEquals("[\"a\"]", tags.readString(1024));
      assertNull(reader.next());
    }
  }

  @Test
  void plainNamesTravelOnceAndStaySmall() {
    assertEquals("a_b_.txt", MultipartWriter.asciiFallback("a\"b\\.txt"));
    assertEquals("%D0%B0%20b%2A", MultipartWriter.percentEncoded("а b*"));
  }
}
