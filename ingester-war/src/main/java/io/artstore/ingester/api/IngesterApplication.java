package io.artstore.ingester.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The ingester REST application (see the admin application for why it sits at the root). */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "artstore")
@OpenAPIDefinition(
    info =
        @Info(
            title = "ArtStore ingester API",
            version = "v1",
            description =
                "Uploads (plain, resumable, batch), element choice, deletes and transfers."))
public class IngesterApplication extends Application {}
