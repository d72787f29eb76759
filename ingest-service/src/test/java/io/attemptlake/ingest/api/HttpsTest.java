package io.attemptlake.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.attemptlake.ingest.IngestIntegrationTest;
import io.attemptlake.model.Samples;
import io.attemptlake.testsupport.Http;
import io.attemptlake.testsupport.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.cert.CertPathBuilderException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest served over HTTPS from a Spring Boot SSL bundle, as a deployment configures it: a client
 * that knows the CA publishes; one that does not refuses the server; plain HTTP gets nothing in.
 */
class HttpsTest extends IngestIntegrationTest {

    private static final TestCertificates CERTS;

    static {
        try {
            CERTS = TestCertificates.make(Files.createTempDirectory("ingest-tls"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) {
        for (String setting : CERTS.serverSettings()) {
            String[] s = setting.split("=", 2);
            registry.add(s[0], () -> s[1]);
        }
    }

    @Override
    protected Http http() {
        return new Http("https://localhost:" + port, CERTS.trust());
    }

    @Test
    void publishesOverHttpsToAClientThatKnowsTheCa() {
        Http.Response response = http().post("/api/v1/assessments", Samples.realRecord(), "X-API-Key", PEARSON_KEY,
                "Content-Type", "application/json");

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(committed()).hasSize(1);
    }

    @Test
    void aClientThatDoesNotKnowTheCaRefusesTheServer() throws Exception {
        Http stranger = new Http("https://localhost:" + port, SSLContext.getDefault());

        assertThatThrownBy(() -> stranger.get("/actuator/health/readiness"))
                .hasRootCauseInstanceOf(CertPathBuilderException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void plainHttpToTheHttpsPortGetsNothingIn() throws IOException {
        int before = committed().size();
        byte[] body = Samples.realRecord().getBytes(StandardCharsets.UTF_8);
        String answer;
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/assessments HTTP/1.1\r\nHost: localhost\r\nX-API-Key: " + PEARSON_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readNBytes(512), StandardCharsets.ISO_8859_1);
        }

        // Tomcat answers a plaintext request on a TLS port with a bare 400 ("requires TLS"), or closes.
        assertThat(answer).as("no HTTP success on the TLS port").satisfiesAnyOf(
                a -> assertThat(a).isEmpty(), a -> assertThat(a).startsWith("HTTP/1.1 400"));
        assertThat(answer).doesNotContain("\"accepted\"");
        assertThat(committed()).hasSize(before);
    }
}
