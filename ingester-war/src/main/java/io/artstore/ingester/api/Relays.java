package io.artstore.ingester.api;

import io.artstore.ingester.application.TransferDelegation.Relayed;
import jakarta.ws.rs.core.Response;

/** Admin's answer, relayed through the ingester as it came (SPEC §5.4). */
final class Relays {
  private Relays() {}

  static Response response(Relayed relayed) {
    Response.ResponseBuilder builder = Response.status(relayed.status());
    if (relayed.body() != null && !relayed.body().isEmpty()) {
      builder.entity(relayed.body());
      if (relayed.contentType() != null) {
        builder.type(relayed.contentType());
      }
    }
    relayed.headers().forEach(builder::header);
    return builder.build();
  }
}
