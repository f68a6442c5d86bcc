package io.artstore.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One Redis command over a raw RESP socket against the system's Redis, answered as the raw reply
 * text: enough for a test to see whether a key or a stream holds something, with no client library
 * on the test class path.
 */
final class RedisProbe {
  private RedisProbe() {}

  static String command(String... args) {
    StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    try (Socket socket = new Socket("127.0.0.1", RunningSystem.REDIS_PORT)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      readReply(in, reply);
      return reply.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Copies one complete RESP reply (nested arrays included) into {@code reply}: the reply is read
   * by its declared lengths, never by waiting for the socket to fall silent, which cut large
   * replies short under load.
   */
  private static void readReply(InputStream in, ByteArrayOutputStream reply) throws IOException {
    String line = readLine(in, reply);
    if (line.isEmpty()) {
      throw new IOException("empty RESP line");
    }
    char type = line.charAt(0);
    long n = type == '$' || type == '*' ? Long.parseLong(line.substring(1)) : 0;
    if (type == '$' && n >= 0) {
      byte[] data = in.readNBytes((int) n + 2);
      if (data.length != n + 2) {
        throw new IOException("truncated RESP bulk string");
      }
      reply.write(data);
    } else if (type == '*') {
      for (long i = 0; i < n; i++) {
        readReply(in, reply);
      }
    }
  }

  private static String readLine(InputStream in, ByteArrayOutputStream reply) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed inside a RESP reply");
      }
      reply.write(b);
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
  }

  /**
   * The types of the events on the stream about one aggregate (a file id), in stream order. Reads
   * the raw RESP reply: each entry's fields come as name line, value line.
   */
  static java.util.List<String> eventTypes(String aggregateId) {
    String[] lines = command("XRANGE", "artstore:events", "-", "+").split("\r\n");
    java.util.List<String> types = new java.util.ArrayList<>();
    String type = null;
    for (int i = 0; i + 2 < lines.length; i++) {
      if (lines[i].equals("type")) {
        type = lines[i + 2];
      } else if (lines[i].equals("aggregate_id") && lines[i + 2].equals(aggregateId)) {
        types.add(type);
      }
    }
    return types;
  }

  /** Waits up to {@code seconds} for the events stream to mention {@code text}. */
  static boolean streamMentions(String text, int seconds) {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (command("XREVRANGE", "artstore:events", "+", "-", "COUNT", "1000").contains(text)) {
        return true;
      }
      RunningSystem.sleep(200);
    }
    return false;
  }
}
