package io.artstore.query.api.dto;

import io.artstore.query.domain.SearchCriteria;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/search} (SPEC §6); every field is optional. */
@Schema(name = "SearchRequest")
public record SearchRequest(
    @Schema(
            description =
                "Words to find in the filename, tags, description and metadata values (fulltext),"
                    + " a substring of the filename (partial) or the whole filename (exact)",
            example = "quarterly report")
        String query,
    @Schema(
            enumeration = {"fulltext", "partial", "exact"},
            defaultValue = "fulltext")
        String mode,
    @Schema(description = "Substring of the filename, case-insensitive", example = "report")
        String filename,
    @Schema(example = "pdf") String extension,
    @Schema(description = "Exact, or a family like image/*", example = "application/pdf")
        String contentType,
    @Schema(description = "Files carrying all of these tags", example = "[\"finance\"]")
        List<String> tags,
    @Schema(description = "Uploader's subject or name") String uploadedBy,
    @Schema(enumeration = {"temporary", "permanent"}) String retentionPolicy,
    @Schema(
            enumeration = {"active", "deleted", "expired", "any"},
            defaultValue = "active")
        String status,
    @Schema(example = "se-rw-1") String storageElementId,
    @Schema(example = "1024") Long minSize,
    @Schema(example = "10485760") Long maxSize,
    @Schema(example = "2026-01-01T00:00:00Z") String createdAfter,
    @Schema(example = "2027-01-01T00:00:00Z") String createdBefore,
    @Schema(example = "2026-12-31T00:00:00Z") String expiresBefore,
    @Schema(
            description = "key=value pairs the file's metadata must contain",
            example = "{\"department\":\"finance\"}")
        Map<String, String> metadata,
    @Schema(
            enumeration = {"relevance", "created_at", "size", "filename"},
            description = "Default: relevance for a fulltext query, else created_at")
        String sortBy,
    @Schema(enumeration = {"asc", "desc"}) String sortOrder,
    @Schema(minimum = "1", maximum = "1000", defaultValue = "100") Integer limit,
    @Schema(minimum = "0", defaultValue = "0") Long offset) {

  public SearchCriteria.Input input() {
    return new SearchCriteria.Input(
        query,
        mode,
        filename,
        extension,
        contentType,
        tags,
        uploadedBy,
        retentionPolicy,
        status,
        storageElementId,
        minSize,
        maxSize,
        createdAfter,
        createdBefore,
        expiresBefore,
        metadata,
        sortBy,
        sortOrder,
        limit,
        offset);
  }
}
