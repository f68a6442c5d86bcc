package io.artstore.storage.domain;

import java.util.regex.Pattern;

/** Element ids are short, lower-case and safe in paths, URLs, schema names and log lines. */
public final class ElementId {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  private ElementId() {}

  public static boolean isValid(String id) {
    return id != null && VALID.matcher(id).matches();
  }
}
