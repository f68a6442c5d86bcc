package io.artstore.query.api;

import io.artstore.query.api.dto.SearchHit;
import io.artstore.query.api.dto.SearchRequest;
import io.artstore.query.api.dto.Suggestions;
import io.artstore.query.application.SearchService;
import io.artstore.query.infrastructure.SearchRepository;
import io.artstore.shared.api.json.JsonbConfigResolver;
import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.problem.ApiException;
import io.artstore.shared.client.storage.StoredFile;
import io.artstore.shared.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

@Path("/api/v1/search")
@RolesAllowed({Roles.ADMIN, Roles.USER, Roles.AUDITOR, Roles.READONLY, Roles.SUPER_ADMIN})
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {
  static final int MAX_SUGGESTIONS = 50;

  @Inject SearchService search;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Search files",
      description =
          "Full text over filename, tags, description and metadata values, stemmed for English"
              + " and Russian and ranked (filename and tags above description); partial finds a"
              + " substring of the filename, exact the whole filename. Filters combine with AND."
              + " Active files only unless status says otherwise.")
  @APIResponse(responseCode = "200", description = "A page of hits")
  @APIResponse(
      responseCode = "400",
      description = "VALIDATION_ERROR listing the fields (dates, sizes, enums, paging)")
  public Page<SearchHit> search(SearchRequest request) {
    SearchRequest body = request == null ? empty() : request;
    SearchRepository.Result result = search.search(body.input());
    int limit = body.limit() == null ? 100 : body.limit();
    long offset = body.offset() == null ? 0 : body.offset();
    List<SearchHit> hits =
        result.hits().stream()
            .map(
                h ->
                    new SearchHit(
                        JsonbConfigResolver.jsonb().fromJson(h.document(), StoredFile.class),
                        h.score(),
                        h.snippet()))
            .toList();
    return new Page<>(hits, result.total(), limit, offset, offset + hits.size() < result.total());
  }

  @GET
  @Path("suggest")
  @Operation(
      summary = "Autocomplete",
      description =
          "Completions of a prefix from filenames, tags and frequent full-text queries,"
              + " case-insensitive.")
  @APIResponse(responseCode = "200", description = "Completions, best first")
  @APIResponse(responseCode = "400", description = "VALIDATION_ERROR: prefix or limit")
  public Suggestions suggest(
      @Parameter(description = "At least one character", example = "quar") @QueryParam("prefix")
          String prefix,
      @Parameter(description = "1–50, default 10") @QueryParam("limit") String limit) {
    if (prefix == null || prefix.isBlank()) {
      throw ApiException.validation("prefix", "is required");
    }
    if (prefix.length() > 200) {
      throw ApiException.validation("prefix", "must be at most 200 characters");
    }
    int n = 10;
    if (limit != null && !limit.isBlank()) {
      try {
        n = Integer.parseInt(limit.strip());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 1 || n > MAX_SUGGESTIONS) {
        throw ApiException.validation("limit", "must be between 1 and " + MAX_SUGGESTIONS);
      }
    }
    return new Suggestions(
        prefix,
        search.suggest(prefix.strip(), n).stream()
            .map(s -> new Suggestions.Suggestion(s.text(), s.source()))
            .toList());
  }

  private static SearchRequest empty() {
    return new SearchRequest(
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }
}
