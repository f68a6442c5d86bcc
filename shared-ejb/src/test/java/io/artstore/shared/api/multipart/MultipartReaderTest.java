package io.artstore.shared.api.multipart;

import static io.artstore.shared.api.multipart.Multipart.BOUNDARY;
import static io.artstore.shared.api.multipart.Multipart.CONTENT_TYPE;
import static io.artstore.shared.api.multipart.Multipart.ascii;
import static io.artstore.shared.api.multipart.Multipart.readAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.artstore.shared.api.multipart.Multipart.Builder;
import io.artstore.shared.api.multipart.Multipart.Read;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartReaderTest {

  private static final byte[] TRICKY =
      ascii(
          "--"
              + BOUNDARY
              + "\r\n\r\nline\r\n\r\n--"
              + BOUNDARY.substring(0, BOUNDARY.length() - 1)
              + "\r\n-\r\n--\r\r\n\n--"
              + BOUNDARY
              + "\r\n\r");

  private static MultipartReader reader(byte[] body) throws MultipartException {
    return MultipartReader.of(CONTENT_TYPE, new ByteArrayInputStream(body), Limits.defaults());
  }

  @Test
  void fieldsAndFilesInAnyOrder() throws IOException {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff};
    byte[] body =
        new Builder()
            .field("title", "Sunflowers")
            .file("image", "sun.png", "image/png", png)
            .field("year", "1888")
            .file("thumb", "t.png", "image/png", new byte[] {1, 2, 3})
            .close()
            .bytes();
    List<Read> parts = readAll(body);
    assertEquals(4, parts.size());
    assertEquals("title", parts.get(0).name());
    assertEquals("Sunflowers", parts.get(0).text());
    assertEquals(Optional.empty(), parts.get(0).filename());
    assertEquals(Optional.empty(), parts.get(0).contentType());
    assertEquals("image", parts.get(1).name());
    assertEquals(Optional.of("sun.png"), parts.get(1).filename());
    assertEquals(Optional.of("image/png"), parts.get(1).contentType());
    assertArrayEquals(png, parts.get(1).content());
    assertEquals("1888", parts.get(2).text());
    assertArrayEquals(new byte[] {1, 2, 3}, parts.get(3).content());

    List<Read> fileFirst =
        readAll(
            new Builder()
                .file("image", "sun.png", "image/png", png)
                .field("title", "x")
                .close()
                .bytes());
    assertEquals(List.of("image", "title"), fileFirst.stream().map(Read::name).toList());
    assertArrayEquals(png, fileFirst.get(0).content());
  }

  @Test
  void headersAreLowerCasedAndAccessorsWork() throws IOException {
    byte[] body =
        new Builder()
            .part(
                "CONTENT-DISPOSITION: Form-Data; NAME=\"a\"\r\nX-Custom:  v1 \r\nContent-Type: text/plain;"
                    + " charset=utf-8\r\n",
                ascii("hello"))
            .close()
            .bytes();
    MultipartReader reader = reader(body);
    Part p = reader.next();
    assertEquals("a", p.name());
    assertEquals(Optional.of("text/plain; charset=utf-8"), p.contentType());
    assertEquals("v1", p.headers().get("x-custom"));
    assertTrue(p.headers().containsKey("content-disposition"));
    assertEquals("hello", p.readString(5));
    assertNull(reader.next());
    assertNull(reader.next());
  }

  @Test
  void filenameStarWinsOverFilename() throws IOException {
    byte[] body =
        new Builder()
            .part(
                "Content-Disposition: form-data; name=\"f\"; filename=\"fallback.txt\";"
                    + " filename*=UTF-8''%E2%82%AC%20rates.txt\r\n",
                ascii("x"))
            .part(
                "Content-Disposition: form-data; name=\"g\";"
                    + " filename*=iso-8859-1'en'%A3%20rates.txt\r\n",
                ascii("y"))
            .close()
            .bytes();
    List<Read> parts = readAll(body);
    assertEquals(Optional.of("€ rates.txt"), parts.get(0).filename());
    assertEquals(Optional.of("£ rates.txt"), parts.get(1).filename());
  }

  @Test
  void rawUtf8FilenameDecodesAsUtf8() throws IOException {
    String name = "Подсолнухи — Ван Гог.jpg";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\";"));
    out.writeBytes((" filename=\"" + name + "\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(ascii("data\r\n--" + BOUNDARY + "--"));
    List<Read> parts = readAll(out.toByteArray());
    assertEquals(Optional.of(name), parts.get(0).filename());
    assertEquals("data", parts.get(0).text());
  }

  @Test
  void latin1HeaderBytesFallBackToIso88591() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\";"));
    out.writeBytes(" filename=\"café.txt\"\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(ascii("d\r\n--" + BOUNDARY + "--"));
    assertEquals(Optional.of("café.txt"), readAll(out.toByteArray()).get(0).filename());
  }

  @Test
  void quotedStringsKeepBackslashesOfWindowsPaths() throws IOException {
    byte[] body =
        new Builder()
            .part(
                "Content-Disposition: form-data; name=\"f;x\"; filename=\"C:\\dir\\a \\\"b\\\".txt\"\r\n",
                ascii("x"))
            .close()
            .bytes();
    Read part = readAll(body).get(0);
    assertEquals("f;x", part.name());
    assertEquals(Optional.of("C:\\dir\\a \"b\".txt"), part.filename());
  }

  @Test
  void emptyFilePartAndEmptyField() throws IOException {
    byte[] body =
        new Builder()
            .file("empty", "empty.bin", "application/octet-stream", new byte[0])
            .field("blank", "")
            .close()
            .bytes();
    List<Read> parts = readAll(body);
    assertEquals(2, parts.size());
    assertEquals(0, parts.get(0).content().length);
    assertEquals(Optional.of("empty.bin"), parts.get(0).filename());
    assertEquals("", parts.get(1).text());
  }

  @Test
  void contentResemblingTheDelimiterComesBackByteIdentical() throws IOException {
    byte[] body =
        new Builder()
            .file("a", "a.bin", "application/octet-stream", TRICKY)
            .field("b", "\r\n")
            .file("c", "c.bin", "application/octet-stream", ascii("\r"))
            .file("d", "d.bin", "application/octet-stream", ascii("\r\n--"))
            .close()
            .bytes();
    List<Read> parts = readAll(body);
    assertArrayEquals(TRICKY, parts.get(0).content());
    assertEquals("\r\n", parts.get(1).text());
    assertEquals("\r", parts.get(2).text());
    assertEquals("\r\n--", parts.get(3).text());
  }

  @Test
  void delimiterSplitAcrossEveryReadBoundary() throws IOException {
    byte[] body = trickyBody();
    List<Read> expected = readAll(body);
    for (int split = 0; split <= body.length; split++) {
      List<Read> got = readAll(CONTENT_TYPE, new Multipart.SplitAt(body, split));
      assertSame(expected, got, "split at " + split);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 50, 200, 70_000})
  void randomReadSizesGiveTheSameParts(int maxChunk) throws IOException {
    byte[] body = trickyBody();
    List<Read> expected = readAll(body);
    for (long seed = 0; seed < 50; seed++) {
      List<Read> got = readAll(CONTENT_TYPE, new Multipart.Chunked(body, seed, maxChunk));
      assertSame(expected, got, "seed " + seed);
    }
  }

  @Test
  void randomReadSizesWithCallerReadingOddSizes() throws IOException {
    byte[] body = trickyBody();
    List<Read> expected = readAll(body);
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      MultipartReader reader =
          MultipartReader.of(
              CONTENT_TYPE, new Multipart.Chunked(body, round, 1 + round % 97), Limits.defaults());
      int i = 0;
      for (Part p; (p = reader.next()) != null; i++) {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 + random.nextInt(13)];
        for (int n; (n = p.body().read(chunk, 0, 1 + random.nextInt(chunk.length))) >= 0; ) {
          got.write(chunk, 0, n);
          if (random.nextInt(10) == 0) {
            int b = p.body().read();
            if (b < 0) {
              break;
            }
            got.write(b);
          }
        }
        assertArrayEquals(expected.get(i).content(), got.toByteArray(), "round " + round);
      }
      assertEquals(expected.size(), i);
    }
  }

  /** A body whose delimiters and near-misses fall at many offsets. */
  private static byte[] trickyBody() {
    Builder b = new Builder().raw("preamble\r\n--not-it\r\n");
    for (int i = 0; i < 6; i++) {
      byte[] content = new byte[TRICKY.length + i * 3];
      System.arraycopy(TRICKY, 0, content, i * 3, TRICKY.length);
      b.file("f" + i, "f" + i + ".bin", "application/octet-stream", content);
      b.field("x" + i, "\r\n--" + BOUNDARY.substring(0, i + 2));
    }
    return b.close().raw("\r\nepilogue\r\n--" + BOUNDARY + "\r\n").bytes();
  }

  private static void assertSame(List<Read> expected, List<Read> got, String where) {
    assertEquals(expected.size(), got.size(), where);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).name(), got.get(i).name(), where);
      assertEquals(expected.get(i).filename(), got.get(i).filename(), where);
      assertArrayEquals(expected.get(i).content(), got.get(i).content(), where);
    }
  }

  @Test
  void everyTruncationIsRefused() throws IOException {
    byte[] body =
        new Builder()
            .field("a", "1")
            .file("f", "f.bin", "application/octet-stream", TRICKY)
            .close()
            .bytes();
    assertEquals(2, readAll(body).size());
    for (int length = 0; length < body.length; length++) {
      byte[] prefix = java.util.Arrays.copyOf(body, length);
      assertThrows(
          MultipartException.class, () -> readAll(prefix), "truncated at " + length + " bytes");
    }
  }

  @Test
  void truncatedBodyFailsInReadAndTruncatedHeadersInNext() throws IOException {
    byte[] inBody =
        ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nabc");
    Part p = reader(inBody).next();
    MultipartException e = assertThrows(MultipartException.class, () -> p.body().readAllBytes());
    assertEquals("the multipart body ended inside a part", e.getMessage());

    byte[] inHeaders = ascii("--" + BOUNDARY + "\r\nContent-Disposition: form-da");
    assertThrows(MultipartException.class, () -> reader(inHeaders).next());

    byte[] noClose = new Builder().field("a", "1").bytes();
    MultipartReader reader = reader(noClose);
    assertEquals("a", reader.next().name());
    assertThrows(MultipartException.class, reader::next);
    assertThrows(MultipartException.class, reader::next, "stays failed");
  }

  @Test
  void emptyInputAndInputWithoutBoundaryAreRefused() {
    assertThrows(MultipartException.class, () -> reader(new byte[0]).next());
    assertThrows(MultipartException.class, () -> reader(ascii("just some text\r\n")).next());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "application/json",
        "multipart/mixed; boundary=abc",
        "multipart/form-data",
        "multipart/form-data; charset=utf-8",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=a{b}",
        "multipart/form-data; boundary=\"ends with space \"",
        "multipart/form-data; boundary=\"unterminated",
        "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
      })
  void badContentTypesAreRefused(String contentType) {
    assertThrows(
        MultipartException.class,
        () -> MultipartReader.of(contentType, InputStream.nullInputStream(), Limits.defaults()));
  }

  @Test
  void nullContentTypeIsRefused() {
    assertThrows(
        MultipartException.class,
        () -> MultipartReader.of(null, InputStream.nullInputStream(), Limits.defaults()));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Multipart/Form-Data; BOUNDARY=\"%s\"",
        "multipart/form-data;boundary=%s",
        "multipart/form-data; charset=utf-8; boundary=%s ",
      })
  void boundaryParameterVariants(String template) throws IOException {
    String boundary = "a'()+_,-./:=? z";
    String contentType = String.format(template, boundary.replace(" ", "_"));
    String b = boundary.replace(" ", "_");
    if (template.contains("\"")) {
      contentType = String.format(template, boundary);
      b = boundary;
    }
    byte[] body = new Builder(b).field("a", "1").close().bytes();
    MultipartReader reader =
        MultipartReader.of(contentType, new ByteArrayInputStream(body), Limits.defaults());
    assertEquals(b, reader.boundary());
    assertEquals("1", reader.next().readString(10));
    assertNull(reader.next());
  }

  @Test
  void seventyCharacterBoundaryWorks() throws IOException {
    String b = "x".repeat(70);
    byte[] body = new Builder(b).field("a", "1").close().bytes();
    List<Read> parts =
        readAll("multipart/form-data; boundary=" + b, new ByteArrayInputStream(body));
    assertEquals("1", parts.get(0).text());
  }

  @Test
  void tooManyParts() throws IOException {
    Builder b = new Builder();
    for (int i = 0; i < 4; i++) {
      b.field("f" + i, "v");
    }
    byte[] body = b.close().bytes();
    Limits four = Limits.defaults().withMaxParts(4);
    assertEquals(4, readAll(CONTENT_TYPE, new ByteArrayInputStream(body), four).size());
    Limits three = Limits.defaults().withMaxParts(3);
    MultipartException e =
        assertThrows(
            MultipartException.class,
            () -> readAll(CONTENT_TYPE, new ByteArrayInputStream(body), three));
    assertEquals("more than 3 parts", e.getMessage());
  }

  @Test
  void defaultLimitOf64Parts() throws IOException {
    Builder b = new Builder();
    for (int i = 0; i < 65; i++) {
      b.field("f" + i, "v");
    }
    assertThrows(MultipartException.class, () -> readAll(b.close().bytes()));
  }

  @Test
  void oversizedHeaders() throws IOException {
    String big = "X-Big: " + "a".repeat(20_000) + "\r\n";
    byte[] body =
        new Builder()
            .part(big + "Content-Disposition: form-data; name=\"a\"\r\n", ascii("1"))
            .close()
            .bytes();
    MultipartException e = assertThrows(MultipartException.class, () -> readAll(body));
    assertTrue(e.getMessage().contains("larger than 16384"), e.getMessage());

    Limits roomy = Limits.defaults().withMaxHeaderBytes(64 * 1024);
    assertEquals("1", readAll(CONTENT_TYPE, new ByteArrayInputStream(body), roomy).get(0).text());

    String manyLines = "X-H: v\r\n".repeat(3000);
    byte[] many =
        new Builder()
            .part("Content-Disposition: form-data; name=\"a\"\r\n" + manyLines, ascii("1"))
            .close()
            .bytes();
    assertThrows(MultipartException.class, () -> readAll(many));
  }

  @Test
  void unreadAndHalfReadPartsAreSkipped() throws IOException {
    byte[] large = new byte[300_000];
    new Random(1).nextBytes(large);
    byte[] body =
        new Builder()
            .file("skipped", "a.bin", "application/octet-stream", large)
            .file("half", "b.bin", "application/octet-stream", large)
            .field("after", "found")
            .close()
            .bytes();
    MultipartReader reader = reader(body);
    Part skipped = reader.next();
    assertEquals("skipped", skipped.name());
    Part half = reader.next();
    assertEquals("half", half.name());
    byte[] start = half.body().readNBytes(100_000);
    assertArrayEquals(java.util.Arrays.copyOf(large, 100_000), start);
    half.body().skipNBytes(1000);
    assertEquals(large[101_000] & 0xff, half.body().read());
    Part after = reader.next();
    assertEquals("after", after.name());
    assertEquals("found", after.readString(100));
    assertNull(reader.next());
    assertThrows(IOException.class, () -> skipped.body().read());
  }

  @Test
  void preambleAndEpilogueAreIgnored() throws IOException {
    byte[] body =
        new Builder()
            .raw("This is the preamble.\r\n--" + BOUNDARY.substring(1) + "\r\n--x\r\n")
            .raw("\r\n")
            .field("a", "1")
            .close()
            .raw("\r\nThis is the epilogue, even with\r\n--" + BOUNDARY + "\r\ngarbage")
            .bytes();
    // The Builder omits the CRLF before the first delimiter; the preamble above ends with it.
    List<Read> parts = readAll(body);
    assertEquals(1, parts.size());
    assertEquals("1", parts.get(0).text());
  }

  @Test
  void bareLfIsAcceptedInHeaderLinesButNotAsBodyDelimiter() throws IOException {
    byte[] lfHeaders =
        ascii(
            "--"
                + BOUNDARY
                + "\nContent-Disposition: form-data; name=\"a\"\nX-Y: z\n\nvalue\r\n--"
                + BOUNDARY
                + "--");
    List<Read> parts = readAll(lfHeaders);
    assertEquals("value", parts.get(0).text());

    byte[] allLf =
        ascii(
            "--"
                + BOUNDARY
                + "\nContent-Disposition: form-data; name=\"a\"\n\nvalue\n--"
                + BOUNDARY
                + "--\n");
    assertThrows(MultipartException.class, () -> readAll(allLf));
  }

  @Test
  void paddingAfterBoundaryIsAllowedButOtherTextIsNot() throws IOException {
    byte[] padded =
        ascii(
            "--"
                + BOUNDARY
                + " \t \r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--"
                + BOUNDARY
                + "--");
    assertEquals("v", readAll(padded).get(0).text());

    byte[] longer = new Builder().field("a", "v\r\n--" + BOUNDARY + "X").close().bytes();
    assertThrows(MultipartException.class, () -> readAll(longer));
    byte[] oneDash = new Builder().field("a", "v").raw("\r\n--" + BOUNDARY + "-x").bytes();
    assertThrows(MultipartException.class, () -> readAll(oneDash));
  }

  @Test
  void foldedAndRepeatedHeaders() throws IOException {
    byte[] body =
        new Builder()
            .part(
                "Content-Disposition: form-data;\r\n name=\"a\"\r\nX-R: 1\r\nX-R: 2\r\n",
                ascii("v"))
            .close()
            .bytes();
    Part p = reader(body).next();
    assertEquals("a", p.name());
    assertEquals("1, 2", p.headers().get("x-r"));

    byte[] twoTypes =
        new Builder()
            .part(
                "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: a/b\r\nContent-Type: c/d\r\n",
                ascii("v"))
            .close()
            .bytes();
    assertThrows(MultipartException.class, () -> readAll(twoTypes));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Content-Type: text/plain\r\n",
        "Content-Disposition: form-data\r\n",
        "Content-Disposition: form-data; filename=\"a.txt\"\r\n",
        "Content-Disposition: attachment; name=\"a\"\r\n",
        "Content-Disposition: form-data; name=\"a\"; name=\"b\"\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename*=KOI8-R''abc\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''%E2%82\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''%G1\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename*=abc\r\n",
        " folded: first\r\n",
        "no colon\r\n",
        "Bad Name: x\r\n",
      })
  void badPartHeadersAreRefused(String headers) {
    byte[] body = new Builder().part(headers, ascii("v")).close().bytes();
    assertThrows(MultipartException.class, () -> readAll(body));
  }

  @Test
  void readStringRefusesLongerFields() throws IOException {
    byte[] body = new Builder().field("long", "123456").field("next", "n").close().bytes();
    MultipartReader reader = reader(body);
    MultipartException tooLong =
        assertThrows(MultipartException.class, () -> reader.next().readString(5));
    assertEquals("form field \"long\" is longer than 5 bytes", tooLong.getMessage());
    assertEquals("n", reader.next().readString(1));
  }

  @Test
  void readStringOnEachPart() throws IOException {
    byte[] body =
        new Builder()
            .part(
                "Content-Disposition: form-data; name=\"bin\"\r\n",
                new byte[] {'a', (byte) 0xff, 'b'})
            .field("exact", "12345")
            .field("utf8", "Ван Гог")
            .close()
            .bytes();
    MultipartReader reader = reader(body);
    Part bin = reader.next();
    assertThrows(MultipartException.class, () -> bin.readString(100));
    assertEquals("12345", reader.next().readString(5));
    assertEquals("Ван Гог", reader.next().readString(Integer.MAX_VALUE));
    assertNull(reader.next());
  }

  @Test
  void closeDelimiterRightAfterPreambleMeansNoParts() throws IOException {
    assertEquals(List.of(), readAll(ascii("--" + BOUNDARY + "--\r\n")));
  }

  @Test
  void bodyStreamBehavesAsAnInputStream() throws IOException {
    byte[] body = new Builder().field("a", "abc").close().bytes();
    MultipartReader reader = reader(body);
    Part p = reader.next();
    InputStream in = p.body();
    assertEquals(0, in.read(new byte[4], 0, 0));
    assertEquals('a', in.read());
    assertTrue(in.available() >= 0);
    byte[] rest = new byte[10];
    assertEquals(2, in.read(rest, 0, 10));
    assertEquals(-1, in.read(rest, 0, 10));
    assertEquals(-1, in.read());
    in.close();
    assertNull(reader.next());
    assertNotNull(p.toString());
    assertEquals(Map.of("content-disposition", "form-data; name=\"a\""), p.headers());
  }
}
