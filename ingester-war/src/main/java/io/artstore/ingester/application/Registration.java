package io.artstore.ingester.application;

import io.artstore.shared.client.admin.AdminFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Registers a stored file with admin's file registry. Registration is idempotent (the same document
 * again answers 200), so a lost answer or a short admin hiccup is simply retried.
 */
@ApplicationScoped
public class Registration {
  @Inject AdminFiles admin;

  /**
   * @throws IOException admin could not be reached or failed (after the retries)
   * @throws IllegalStateException admin refused the document (no retry helps)
   */
  @Retry(maxRetries = 2, delay = 300, jitter = 100, retryOn = IOException.class)
  public void register(String storedFileJson) throws IOException {
    AdminFiles.Answer answer = admin.register(storedFileJson);
    int status = answer.status();
    if (status == 200 || status == 201) {
      return;
    }
    if (status >= 500 || status == 401 || status == 429) {
      throw new IOException("Admin answered HTTP " + status + " to the registration");
    }
    throw new IllegalStateException(
        "Admin refused the registration: HTTP " + status + " " + answer.body());
  }
}
