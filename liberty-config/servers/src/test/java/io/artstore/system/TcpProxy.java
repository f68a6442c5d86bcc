package io.artstore.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay in front of a running server, so that a test can take that server away from one
 * client — connections refused, open ones cut — and give it back, without stopping it for everyone
 * else. The client sees exactly what a stopped server looks like on the wire.
 */
final class TcpProxy implements AutoCloseable {
  private final int port;
  private final String targetHost;
  private final int targetPort;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  TcpProxy(int port, String targetHost, int targetPort) {
    this.port = port;
    this.targetHost = targetHost;
    this.targetPort = targetPort;
  }

  String url() {
    return "http://localhost:" + port;
  }

  /** Accepts connections (again). */
  synchronized TcpProxy open() {
    if (server != null) {
      return this;
    }
    try {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "tcp-proxy-" + port);
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  /** Refuses new connections and cuts the open ones. */
  synchronized void cut() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      server = null;
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    sockets.clear();
  }

  @Override
  public void close() {
    cut();
  }

  private void accept() {
    ServerSocket s = server;
    while (s != null && !s.isClosed()) {
      try {
        Socket client = s.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    sockets.remove(s);
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
              } catch (IOException ignored) {
                // one side went away
              } finally {
                // HTTP never half-closes here: when one direction ends, the exchange is over.
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }
}
