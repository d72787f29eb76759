package io.attemptlake.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP/1.1 over a plain socket, for requests {@link Http} cannot send: a body that stops before
 * its declared length, any header (or none). The body is written while the answer is read, so a
 * server that answers early is heard.
 */
public final class RawHttp {

    /** One request: method, path, headers as name/value pairs, body, and how much of it is sent. */
    public record Request(String method, String path, List<String[]> headers, byte[] body, int sentBytes) {
        public static Request post(String path, byte[] body, String... headers) {
            List<String[]> pairs = new ArrayList<>();
            for (int i = 0; i < headers.length; i += 2) {
                pairs.add(new String[] {headers[i], headers[i + 1]});
            }
            return new Request("POST", path, pairs, body, body.length);
        }

        /** The same request whose body stops after {@code bytes} of its declared length. */
        public Request cutAt(int bytes) {
            return new Request(method, path, headers, body, Math.min(bytes, body.length));
        }
    }

    /** The status, headers (names lower-cased) and raw body of an answer. */
    public record Response(int status, List<String[]> headers, byte[] body) {
        public String header(String name) {
            return headers.stream().filter(h -> h[0].equals(name.toLowerCase(Locale.ROOT)))
                    .map(h -> h[1]).findFirst().orElse(null);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    public static Response send(int port, Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(120_000);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            StringBuilder h = new StringBuilder()
                    .append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                    .append("Host: localhost:").append(port).append("\r\n")
                    .append("Connection: close\r\n")
                    .append("Content-Length: ").append(request.body().length).append("\r\n");
            for (String[] header : request.headers()) {
                h.append(header[0]).append(": ").append(header[1]).append("\r\n");
            }
            h.append("\r\n");
            head.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
                try {
                    out.write(head.toByteArray());
                    out.write(request.body(), 0, request.sentBytes());
                    out.flush();
                    if (request.sentBytes() < request.body().length) {
                        socket.shutdownOutput(); // the client goes away mid-body
                    }
                } catch (IOException e) {
                    // The server answered and closed before reading everything: its answer counts.
                }
            });
            Response response = read(socket.getInputStream());
            writing.join();
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no HTTP response head in " + all.length + " bytes");
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new String[] {lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim()});
        }
        byte[] body = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        boolean chunked = headers.stream().anyMatch(x -> x[0].equals("transfer-encoding") && x[1].contains("chunked"));
        return new Response(status, List.copyOf(headers), chunked ? dechunk(body) : body);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(body, i, body.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, i, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = Integer.parseInt(sizeLine, 16);
            i += lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(body, i, Math.min(size, body.length - i));
            i += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
