package io.artstore.shared.api.problem;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A request body that is not valid JSON, or not the JSON the resource expects, is the client's
 * error: 400. JSON-B raises the same exception when writing a response fails, which is the
 * server's; the stack tells the two apart (reading goes through a message body reader's {@code
 * readFrom}).
 */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {
  private static final Logger LOG = Logger.getLogger(JsonbExceptionMapper.class.getName());

  @Context UriInfo uriInfo;

  @Override
  public Response toResponse(JsonbException e) {
    if (whileReadingRequest(e)) {
      LOG.log(Level.FINE, "Unreadable request body", e);
      return ProblemResponses.build(
          ProblemCode.BAD_REQUEST,
          "The request body is not valid JSON of the expected shape.",
          uriInfo);
    }
    return new UnexpectedExceptionMapper().toResponse(e, uriInfo);
  }

  static boolean whileReadingRequest(Throwable e) {
    return Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getMethodName().equals("readFrom"));
  }
}
