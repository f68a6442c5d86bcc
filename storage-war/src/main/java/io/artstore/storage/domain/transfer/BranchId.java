package io.artstore.storage.domain.transfer;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The id of a transfer branch: the coordinator's choice (base64url without padding of the XID's
 * format id, global transaction id and branch qualifier), opaque to the element. 1–200 characters
 * of {@code [A-Za-z0-9_-]}, so it is also a safe file name.
 */
public record BranchId(String value) {
  public static final int MAX_LENGTH = 200;
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

  public BranchId {
    Objects.requireNonNull(value, "value");
    if (!isValid(value)) {
      throw new IllegalArgumentException("not a transfer branch id: " + value);
    }
  }

  public static boolean isValid(String value) {
    return value != null && VALID.matcher(value).matches();
  }

  @Override
  public String toString() {
    return value;
  }
}
