package io.artstore.shared.api.json;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The API's JSON: snake_case names (SPEC §1), nulls omitted, Java field names in code. One shared
 * instance: building a Jsonb is expensive, using one is thread-safe.
 */
@Provider
public class JsonbConfigResolver implements ContextResolver<Jsonb> {
  /** Lazily built: a Jsonb needs the runtime's JSON-B provider, which unit tests may not have. */
  private static final class Holder {
    static final Jsonb JSONB = create();
  }

  public static Jsonb create() {
    return JsonbBuilder.create(
        new JsonbConfig()
            .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
            .withNullValues(false));
  }

  public static Jsonb jsonb() {
    return Holder.JSONB;
  }

  @Override
  public Jsonb getContext(Class<?> type) {
    return Holder.JSONB;
  }
}
