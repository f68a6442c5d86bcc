package io.artstore.query.api.dto;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Completions of a prefix. */
@Schema(name = "Suggestions")
public record Suggestions(@Schema(example = "quar") String prefix, List<Suggestion> items) {

  /** One completion and its source. */
  @Schema(name = "Suggestion")
  public record Suggestion(
      @Schema(example = "Quarterly report.pdf") String text,
      @Schema(enumeration = {"filename", "tag", "query"}) String source) {}
}
