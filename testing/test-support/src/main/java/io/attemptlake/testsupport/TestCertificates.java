package io.attemptlake.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate authority of a test's own and a server certificate it signed for localhost, made
 * with the JDK's keytool: {@link #serverKeystore} is what a service's SSL bundle reads, {@link #trust}
 * what a client that knows the CA uses.
 */
public final class TestCertificates {

    public static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** A CA and a server certificate (localhost, 127.0.0.1) valid for two days, in {@code dir}. */
    public static TestCertificates make(Path dir) {
        TestCertificates certs = new TestCertificates(dir);
        certs.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=attempt-lake test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        certs.keytool("-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.crt");
        certs.keytool("-genkeypair", "-alias", "web", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-keystore", "server.p12");
        certs.keytool("-certreq", "-alias", "web", "-keystore", "server.p12", "-file", "server.csr");
        certs.keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile", "server.crt",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth", "-validity", "2", "-rfc");
        certs.keytool("-importcert", "-alias", "ca", "-keystore", "server.p12", "-file", "ca.crt", "-noprompt");
        certs.keytool("-importcert", "-alias", "web", "-keystore", "server.p12", "-file", "server.crt");
        return certs;
    }

    /** PKCS12, password {@link #PASSWORD}, alias {@code web}: the server's key and its chain. */
    public Path serverKeystore() {
        return dir.resolve("server.p12");
    }

    /** The CA's certificate, PEM. */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /**
     * The settings that serve a Spring Boot service over HTTPS only, from {@link #serverKeystore}, as
     * {@code name=value} (one SSL bundle, named {@code web}).
     */
    public List<String> serverSettings() {
        return List.of("spring.ssl.bundle.jks.web.keystore.location=file:" + serverKeystore(),
                "spring.ssl.bundle.jks.web.keystore.password=" + PASSWORD,
                "spring.ssl.bundle.jks.web.keystore.type=PKCS12",
                "spring.ssl.bundle.jks.web.key.alias=web",
                "server.ssl.bundle=web");
    }

    /** A client context that trusts this CA only. */
    public SSLContext trust() {
        try (InputStream in = Files.newInputStream(caCertificate())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        try {
            Files.createDirectories(dir);
            Process keytool = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed:\n" + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
