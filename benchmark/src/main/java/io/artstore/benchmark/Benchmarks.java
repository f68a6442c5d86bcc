package io.artstore.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmarks against a running ArtStore (started with {@code mvn -Prun package}):
 *
 * <ul>
 *   <li>{@code tokens}: client-credentials tokens per second from admin, N concurrent clients;
 *   <li>{@code validation}: the added latency of an authenticated request (MicroProfile JWT
 *       signature check, key-ring check, rate limiter) — the same trivial in-memory answer of
 *       admin, once public ({@code /.well-known/oauth-authorization-server}) and once protected
 *       ({@code /api/v1/keys}), sequential, medians compared.
 * </ul>
 *
 * <ul>
 *   <li>{@code element}: the storage element alone (see {@link ElementBenchmarks});
 *   <li>{@code ingest}: the same small and large uploads through the ingester (element choice,
 *       forward, registration with admin), temporary files landing on the edit element.
 * </ul>
 *
 * <ul>
 *   <li>{@code search}: search at scale (see {@link SearchBenchmarks}), arguments {@code search
 *       [rows=1000000] [seconds=10]}; {@code search-load [rows]} only loads. Not part of {@code
 *       all}.
 * </ul>
 *
 * Arguments: {@code [tokens|validation|element|ingest|all] [clients=8] [seconds=20]}. Credentials:
 * the system account of {@code data/admin/initial-account.properties} or {@code
 * ARTSTORE_INITIAL_ACCOUNT_*}.
 */
public final class Benchmarks {
  private static final String ADMIN =
      System.getenv().getOrDefault("ARTSTORE_ADMIN_URL", "http://localhost:8000");
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    if (what.equals("search") || what.equals("search-load")) {
      long rows = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 1_000_000;
      int searchSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
      printMachine();
      if (what.equals("search-load")) {
        SearchBenchmarks.load(rows);
      } else {
        SearchBenchmarks.run(token(credentials()), rows, searchSeconds);
      }
      return;
    }
    int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    String[] credentials = credentials();
    printMachine();
    if (what.equals("tokens") || what.equals("all")) {
      tokens(credentials, clients, seconds);
    }
    if (what.equals("validation") || what.equals("all")) {
      validation(credentials, 3000);
    }
    if (what.equals("element") || what.equals("all")) {
      ElementBenchmarks.run(token(credentials), clients, seconds);
    }
    if (what.equals("ingest") || what.equals("all")) {
      String ingester =
          System.getenv().getOrDefault("ARTSTORE_INGESTER_URL", "http://localhost:8020");
      String token = token(credentials);
      ElementBenchmarks.smallUploads(ingester, "ingester", token, clients, seconds);
      ElementBenchmarks.large(ingester, "ingester", token, ElementBenchmarks.largeMib());
    }
  }

  static void printMachine() {
    System.out.printf(
        "machine: %d cores, %s %s%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.name"),
        System.getProperty("java.version"));
  }

  static void tokens(String[] credentials, int clients, int seconds) throws Exception {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(credentials[0], StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(credentials[1], StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ADMIN + "/api/v1/auth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    run("warm-up", request, clients, 5);
    Result result = run("tokens", request, clients, seconds);
    System.out.printf(
        "tokens: %d clients, %d s: %.0f tokens/s, p50 %.2f ms, p99 %.2f ms, errors %d%n",
        clients,
        seconds,
        result.perSecond(),
        result.percentile(50),
        result.percentile(99),
        result.errors());
  }

  static void validation(String[] credentials, int requests) throws Exception {
    String token = token(credentials);
    HttpRequest open =
        HttpRequest.newBuilder(URI.create(ADMIN + "/.well-known/oauth-authorization-server"))
            .GET()
            .build();
    HttpRequest secured =
        HttpRequest.newBuilder(URI.create(ADMIN + "/api/v1/keys"))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    sequential(open, 1000);
    sequential(secured, 1000);
    double[] openTimes = sequential(open, requests);
    double[] securedTimes = sequential(secured, requests);
    double openMedian = percentile(openTimes, 50);
    double securedMedian = percentile(securedTimes, 50);
    System.out.printf(
        "validation: public median %.3f ms, authenticated median %.3f ms: +%.3f ms per request (p99 %.3f vs %.3f ms)%n",
        openMedian,
        securedMedian,
        securedMedian - openMedian,
        percentile(openTimes, 99),
        percentile(securedTimes, 99));
  }

  record Result(long count, long errors, double seconds, double[] latenciesMs) {
    double perSecond() {
      return count / seconds;
    }

    double percentile(int p) {
      return Benchmarks.percentile(latenciesMs, p);
    }
  }

  static HttpClient http() {
    return HTTP;
  }

  static Result run(String name, HttpRequest request, int clients, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicLong errors = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    long start = System.nanoTime();
    List<Future<List<Double>>> futures = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      futures.add(
          pool.submit(
              () -> {
                List<Double> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                  long t0 = System.nanoTime();
                  HttpResponse<Void> response =
                      HTTP.send(request, HttpResponse.BodyHandlers.discarding());
                  latencies.add((System.nanoTime() - t0) / 1e6);
                  if (response.statusCode() / 100 != 2) {
                    errors.incrementAndGet();
                  }
                }
                return latencies;
              }));
    }
    List<Double> all = new ArrayList<>();
    for (Future<List<Double>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(
        all.size(), errors.get(), elapsed, all.stream().mapToDouble(Double::doubleValue).toArray());
  }

  static double[] sequential(HttpRequest request, int n) throws IOException, InterruptedException {
    double[] times = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
      times[i] = (System.nanoTime() - t0) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(request.uri() + " answered " + response.statusCode());
      }
    }
    return times;
  }

  static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length == 0
        ? 0
        : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  static String token(String[] credentials) throws Exception {
    String form =
        "grant_type=client_credentials&client_id="
            + URLEncoder.encode(credentials[0], StandardCharsets.UTF_8)
            + "&client_secret="
            + URLEncoder.encode(credentials[1], StandardCharsets.UTF_8);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(ADMIN + "/api/v1/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Matcher m = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
    if (!m.find()) {
      throw new IllegalStateException("No token: " + response.statusCode() + " " + response.body());
    }
    return m.group(1);
  }

  static String[] credentials() throws IOException {
    String id = System.getenv("ARTSTORE_INITIAL_ACCOUNT_CLIENT_ID");
    String secret = System.getenv("ARTSTORE_INITIAL_ACCOUNT_CLIENT_SECRET");
    if (id != null && secret != null) {
      return new String[] {id, secret};
    }
    Path file =
        Path.of(
            System.getenv().getOrDefault("ARTSTORE_DATA_DIR", "data"),
            "admin",
            "initial-account.properties");
    Properties properties = new Properties();
    try (var in = Files.newBufferedReader(file)) {
      properties.load(in);
    }
    return new String[] {
      properties.getProperty("client_id"), properties.getProperty("client_secret")
    };
  }
}
