package io.artstore.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
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
      socket.setSoTimeout(300);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      while (true) {
        try {
          int n = in.read(buffer);
          if (n < 0) {
            break;
          }
          reply.write(buffer, 0, n);
        } catch (SocketTimeoutException idle) {
          break; // the whole reply has arrived
        }
      }
      return reply.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
