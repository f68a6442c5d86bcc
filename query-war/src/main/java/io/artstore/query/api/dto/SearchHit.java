package io.artstore.query.api.dto;

import io.artstore.shared.client.storage.StoredFile;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One search result: the file, and for a full-text query its score and a highlighted snippet. */
@Schema(name = "SearchHit")
public record SearchHit(
    StoredFile file,
    @Schema(description = "Relevance (fulltext), filename similarity (partial)", example = "0.61")
        Double score,
    @Schema(
            description =
                "Name and description around the matched words, HTML-escaped, matches in <mark>",
            example = "<mark>Quarterly</mark> <mark>report</mark>.pdf — Q3 figures")
        String snippet) {}
