package io.artstore.admin.testsupport;

import io.artstore.shared.api.paging.Page;
import io.artstore.shared.api.paging.PageRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Deployed by the Arquillian test only: endpoints that fail on purpose, so the shared error model
 * is proven inside Liberty's JAX-RS runtime, not just in unit tests.
 */
@Path("/test/error-model")
@PermitAll
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ErrorModelProbeResource {

  @GET
  @Path("/crash")
  public String crash() {
    throw new IllegalStateException("secret internals: /etc/artstore/db-password");
  }

  @GET
  @Path("/validated")
  public String validated(
      @QueryParam("name") @NotBlank String name,
      @QueryParam("sizeLimit") @Max(10) Integer sizeLimit,
      @QueryParam("code") @Pattern(regexp = "[A-Z]+") String code) {
    return "ok";
  }

  @GET
  @Path("/paged")
  public Page<Long> paged(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
    PageRequest request = PageRequest.parse(limit, offset);
    long total = 250;
    List<Long> items =
        LongStream.range(request.offset(), Math.min(total, request.offset() + request.limit()))
            .boxed()
            .toList();
    return Page.of(items, total, request);
  }
}
