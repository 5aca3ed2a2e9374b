package dev.labkit.harness.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The kit's test certificate for {@code localhost} (src/test/resources/certs), served by labs that
 * terminate TLS, and the client side that trusts exactly it: no "trust everything" switch, so a
 * server that presents another certificate fails the handshake as a browser would.
 */
public final class KitCertificate {

  public static final String CERTIFICATE = "certs/localhost.crt";
  public static final String KEY = "certs/localhost.key";

  private KitCertificate() {}

  public static byte[] certificatePem() {
    return resource(CERTIFICATE);
  }

  public static byte[] keyPem() {
    return resource(KEY);
  }

  public static KeyStore trustStore() {
    try (InputStream pem = new java.io.ByteArrayInputStream(certificatePem())) {
      var store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      store.setCertificateEntry(
          "labkit-localhost", CertificateFactory.getInstance("X.509").generateCertificate(pem));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("Cannot load the kit's test certificate", e);
    }
  }

  /** A TLS context that trusts the kit's certificate only. */
  public static SSLContext sslContext() {
    try {
      var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trustStore());
      var context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot build a TLS context for the kit's certificate", e);
    }
  }

  private static byte[] resource(String name) {
    try (var in = KitCertificate.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
