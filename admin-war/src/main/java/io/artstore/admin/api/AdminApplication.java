package io.artstore.admin.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The admin REST application, at the root so that every path (including unknown ones) answers in
 * the API's problem+json shape; resources carry their full {@code /api/v1/...} paths.
 */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "artstore")
@OpenAPIDefinition(
    info =
        @Info(
            title = "ArtStore admin API",
            version = "v1",
            description =
                "Identities and tokens, storage-element registry and discovery, file registry,"
                    + " retention and GC, audit."))
public class AdminApplication extends Application {}
