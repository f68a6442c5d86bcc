package io.artstore.query.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The query REST application (see the admin application for why it sits at the root). */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "artstore")
@OpenAPIDefinition(
    info =
        @Info(
            title = "ArtStore query API",
            version = "v1",
            description = "Full-text search, suggestions, metadata reads and downloads."))
public class QueryApplication extends Application {}
