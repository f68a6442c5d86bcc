package io.artstore.storage.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The storage element REST application (see the admin application for why it sits at the root). */
@ApplicationPath("/")
@LoginConfig(authMethod = "MP-JWT", realmName = "artstore")
@OpenAPIDefinition(
    info =
        @Info(
            title = "ArtStore storage element API",
            version = "v1",
            description =
                "Bytes and their attr.json documents on local disk or S3; the element's mode and"
                    + " capacity."))
public class StorageApplication extends Application {}
