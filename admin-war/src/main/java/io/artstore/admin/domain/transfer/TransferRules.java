package io.artstore.admin.domain.transfer;

import java.util.Optional;

/**
 * What the coordinator checks before it stages anything (SPEC §5.4). The elements check again when
 * they vote (their own mode at that moment is what counts); these rules turn the plain mistakes
 * into clear answers up front.
 */
public final class TransferRules {
  private TransferRules() {}

  /** A refusal: a stable problem code and why. */
  public record Refusal(String code, String reason) {}

  /**
   * May a file with {@code retention} move from {@code sourceElementId} to the target element?
   * Temporary files go to edit elements, permanent ones to rw elements.
   */
  public static Optional<Refusal> mayTransfer(
      String fileStatus,
      String retention,
      String sourceElementId,
      String targetElementId,
      String targetMode,
      boolean targetOnline) {
    if (!"active".equals(fileStatus)) {
      return Optional.of(new Refusal("CONFLICT", "the file is " + fileStatus + ", not active"));
    }
    if (sourceElementId.equals(targetElementId)) {
      return Optional.of(new Refusal("CONFLICT", "the file is on " + targetElementId + " already"));
    }
    if (!targetOnline) {
      return Optional.of(
          new Refusal("SE_UNAVAILABLE", "the target element " + targetElementId + " is offline"));
    }
    String needed = "temporary".equals(retention) ? "edit" : "rw";
    if (!needed.equals(targetMode)) {
      return Optional.of(
          new Refusal(
              "MODE_NOT_ALLOWED",
              "a "
                  + retention
                  + " file needs an "
                  + needed
                  + " target; "
                  + targetElementId
                  + " is "
                  + targetMode));
    }
    return Optional.empty();
  }

  /** Finalize makes a temporary file permanent: only temporary files on edit elements qualify. */
  public static Optional<Refusal> mayFinalize(String fileStatus, String retention, String mode) {
    if (!"active".equals(fileStatus)) {
      return Optional.of(new Refusal("CONFLICT", "the file is " + fileStatus + ", not active"));
    }
    if (!"temporary".equals(retention)) {
      return Optional.of(new Refusal("CONFLICT", "the file is permanent already"));
    }
    if (!"edit".equals(mode)) {
      return Optional.of(
          new Refusal("MODE_NOT_ALLOWED", "the file is on an element in mode " + mode));
    }
    return Optional.empty();
  }
}
