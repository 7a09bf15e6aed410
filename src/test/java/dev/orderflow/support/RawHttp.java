package dev.orderflow.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written byte for byte on a real socket, for requests a client library would refuse or
 * rewrite (dot segments, encoded letters, broken headers).
 */
public final class RawHttp {

  private final URI base;

  public RawHttp(String baseUrl) {
    this.base = URI.create(baseUrl);
  }

  /** One request with {@code Connection: close}; {@code headers} are whole lines without CRLF. */
  public Answer send(String method, String path, String contentType, String body, String... headers) {
    StringBuilder request = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
      .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
      .append("Connection: close\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    if (body != null) {
      request.append("Content-Type: ").append(contentType).append("\r\n")
        .append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
    }
    request.append("\r\n");
    if (body != null) {
      request.append(body);
    }
    return sendRaw(request.toString());
  }

  /** Writes {@code request} as it is and reads the whole answer (empty when the server closed without one). */
  public Answer sendRaw(String request) {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return Answer.parse(readAll(socket.getInputStream()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    in.transferTo(bytes);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A status (0 when no answer came), the head and the body. */
  public record Answer(int status, String head, String body) {

    static Answer parse(String text) {
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      String body = split < 0 ? "" : text.substring(split + 4);
      boolean hasStatus = head.startsWith("HTTP/1.1 ") && head.length() >= 12;
      return new Answer(hasStatus ? Integer.parseInt(head.substring(9, 12)) : 0, head, body);
    }

    public String header(String name) {
      return head.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }
  }
}
