package io.artstore.storage.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContentDispositionTest {
  /** The whole header value: type, quoted ASCII fallback without escapes, RFC 8187 value. */
  private static final Pattern VALUE =
      Pattern.compile(
          "(attachment|inline); filename=\"([\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*)\";"
              + " filename\\*=UTF-8''((?:[A-Za-z0-9!#$&+\\-.^_`|~]|%[0-9A-F]{2})*)");

  private static Matcher parse(String header) {
    Matcher m = VALUE.matcher(header);
    assertTrue(m.matches(), header);
    return m;
  }

  private static String decoded(String header) {
    // '+' is an attr-char and literal in RFC 8187; URLDecoder would read it as a space
    return URLDecoder.decode(parse(header).group(3).replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  @Test
  void plainAsciiName() {
    assertEquals(
        "attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
        ContentDisposition.attachment("report.pdf"));
    assertEquals(
        "inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf",
        ContentDisposition.inline("report.pdf"));
  }

  @Test
  void cyrillic() {
    String header = ContentDisposition.attachment("Отчёт за 2025.pdf");
    assertEquals(
        "attachment; filename=\"_____ __ 2025.pdf\"; filename*=UTF-8''"
            + "%D0%9E%D1%82%D1%87%D1%91%D1%82%20%D0%B7%D0%B0%202025.pdf",
        header);
    assertEquals("Отчёт за 2025.pdf", decoded(header));
  }

  @Test
  void spacesAndAttrCharsAreEncodedPerRfc8187() {
    String header = ContentDisposition.attachment("a b!#$&+-.^_`|~c;d,e=f'g(h)i@j");
    Matcher m = parse(header);
    assertEquals("a%20b!#$&+-.^_`|~c%3Bd%2Ce%3Df%27g%28h%29i%40j", m.group(3));
    assertEquals("a b!#$&+-.^_`|~c;d,e=f'g(h)i@j", m.group(2));
    assertEquals("a b!#$&+-.^_`|~c;d,e=f'g(h)i@j", decoded(header));
  }

  @Test
  void quotesAndBackslashesCannotBreakTheQuotedString() {
    String header = ContentDisposition.attachment("a\"b\\c.txt");
    Matcher m = parse(header);
    assertEquals("a_b_c.txt", m.group(2));
    assertEquals("a%22b%5Cc.txt", m.group(3));
  }

  @Test
  void semicolonInjectionStaysInsideTheValues() {
    String header = ContentDisposition.attachment("x.txt\"; filename=\"evil.exe");
    Matcher m = parse(header);
    assertEquals("x.txt_; filename=_evil.exe", m.group(2));
    assertEquals("x.txt%22%3B%20filename%3D%22evil.exe", m.group(3));
  }

  @Test
  void percentIsReplacedInTheFallbackAndEncodedInTheExtendedValue() {
    Matcher m = parse(ContentDisposition.attachment("100%25.txt"));
    assertEquals("100_25.txt", m.group(2));
    assertEquals("100%2525.txt", m.group(3));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a\r\nSet-Cookie: x=y.txt",
        "a\rb",
        "a\nb",
        "\r\n\r\n<html>",
        "a\u0000b",
        "a\u0085b",
        "a\u2028b",
        "a\u2029b",
        "a\u007Fb",
        "\uD800lone",
        "lone\uDC00",
      })
  void noControlCharacterEverReachesTheHeader(String name) {
    for (String header :
        new String[] {ContentDisposition.attachment(name), ContentDisposition.inline(name)}) {
      parse(header);
      assertTrue(header.chars().allMatch(c -> c >= 0x20 && c < 0x7F), header);
      String decoded = decoded(header);
      assertTrue(decoded.codePoints().noneMatch(StorageNaming::isControl), decoded);
    }
  }

  @Test
  void crLfBecomeUnderscoresInBothForms() {
    Matcher m = parse(ContentDisposition.attachment("a\r\nb.txt"));
    assertEquals("a__b.txt", m.group(2));
    assertEquals("a__b.txt", m.group(3));
  }

  @Test
  void emojiAndCjk() {
    String header = ContentDisposition.inline("写真 😀.jpg");
    Matcher m = parse(header);
    assertEquals("__ _.jpg", m.group(2)); // one _ per code point, not per UTF-16 char
    assertEquals("写真 😀.jpg", decoded(header));
    assertTrue(m.group(3).contains("%F0%9F%98%80"));
  }

  @Test
  void nfcBeforeEncoding() {
    String header = ContentDisposition.attachment("e\u0301.txt");
    assertEquals("_.txt", parse(header).group(2));
    assertEquals(Normalizer.normalize("e\u0301.txt", Normalizer.Form.NFC), decoded(header));
    assertEquals("%C3%A9.txt", parse(header).group(3));
  }

  @Test
  void missingNameIsFile() {
    assertEquals(
        "attachment; filename=\"file\"; filename*=UTF-8''file",
        ContentDisposition.attachment(null));
    assertEquals(
        "attachment; filename=\"file\"; filename*=UTF-8''file", ContentDisposition.attachment(" "));
    assertEquals("inline; filename=\"file\"; filename*=UTF-8''file", ContentDisposition.inline(""));
  }

  @Test
  void everyAsciiCharacterRoundTrips() {
    StringBuilder all = new StringBuilder();
    for (char c = 0x20; c < 0x7F; c++) {
      all.append(c);
    }
    String header = ContentDisposition.attachment(all.toString());
    assertEquals(all.toString(), decoded(header));
  }
}
