package re.blot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jetty's own TLS from PEM files as an ACME client writes them: a self-signed certificate and key
 * made by keytool for each run, written out as fullchain.pem and privkey.pem.
 */
class TlsTest {
  private static final String PASSWORD = "changeit";

  @TempDir static Path dir;
  private static Path cert;
  private static Path key;
  private static KeyStore trusted;

  @BeforeAll
  static void makeCertificates() throws Exception {
    cert = dir.resolve("fullchain.pem");
    key = dir.resolve("privkey.pem");
    KeyStore ec = selfSigned("ec", "EC");
    Certificate certificate = ec.getCertificate("ec");
    Files.writeString(cert, pem("CERTIFICATE", certificate.getEncoded()));
    Files.writeString(
        key, pem("PRIVATE KEY", ec.getKey("ec", PASSWORD.toCharArray()).getEncoded()));
    KeyStore rsa = selfSigned("rsa", "RSA");
    Files.writeString(
        dir.resolve("other-key.pem"),
        pem("PRIVATE KEY", rsa.getKey("rsa", PASSWORD.toCharArray()).getEncoded()));
    trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", certificate);
  }

  @Test
  void servesHttpsWithTheCertificateFromPemFiles() throws Exception {
    try (BlotreServer server = BlotreServer.builder().tls(cert, key).start()) {
      assertThat(server.baseUrl()).matches("https://127\\.0\\.0\\.1:\\d+");
      HttpResponse<String> page = get(client(trusted), server.baseUrl() + "/");
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.sslSession()).isPresent();
      assertThat(page.sslSession().get().getPeerCertificates()[0])
          .isEqualTo(trusted.getCertificate("server"));
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
    try (BlotreServer server = BlotreServer.builder().tls(cert, key).start()) {
      KeyStore empty = KeyStore.getInstance("PKCS12");
      empty.load(null, null);
      empty.setCertificateEntry("other", selfSigned("stranger", "EC").getCertificate("stranger"));
      assertThatThrownBy(() -> get(client(empty), server.baseUrl() + "/"))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void theSettingsFileTurnsTlsOn() throws Exception {
    Path conf = dir.resolve("server.conf");
    Files.writeString(
        conf, "in-memory = true\nport = 0\ntls-cert = " + cert + "\ntls-key = " + key + "\n");
    try (BlotreServer server = Main.parse(List.of("--config", conf.toString())).builder().start()) {
      assertThat(get(client(trusted), server.baseUrl() + "/").statusCode()).isEqualTo(200);
    }
    assertThatThrownBy(() -> Main.parse(List.of("--in-memory", "--tls-cert", cert.toString())))
        .hasMessage("give both tls-cert and tls-key, or neither");
  }

  @Test
  void unusableFilesAreNamedBeforeTheServerStarts() throws Exception {
    assertThatThrownBy(() -> start(cert, dir.resolve("other-key.pem")))
        .hasMessageStartingWith("the TLS key " + dir.resolve("other-key.pem"))
        .hasMessageContaining("does not belong to the first certificate in " + cert);
    assertThatThrownBy(() -> start(dir.resolve("missing.pem"), key))
        .hasMessage("cannot read the TLS file " + dir.resolve("missing.pem") + ": no such file");
    assertThatThrownBy(() -> start(key, key))
        .hasMessageContaining("holds no -----BEGIN CERTIFICATE----- block");
    assertThatThrownBy(() -> start(cert, cert))
        .hasMessageContaining("holds no -----BEGIN PRIVATE KEY----- block");
    Path traditional = dir.resolve("rsa-key.pem");
    Files.writeString(traditional, pem("RSA PRIVATE KEY", new byte[] {48, 0}));
    assertThatThrownBy(() -> start(cert, traditional))
        .hasMessageContaining("is a 'RSA PRIVATE KEY' block")
        .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + traditional);
  }

  private static void start(Path certificate, Path privateKey) {
    BlotreServer.builder().tls(certificate, privateKey).start().close();
  }

  /**
   * A key pair and self-signed certificate for 127.0.0.1 and localhost, made by the JDK's keytool.
   */
  private static KeyStore selfSigned(String alias, String algorithm) throws Exception {
    Path store = dir.resolve(alias + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                algorithm,
                "-dname",
                "CN=localhost",
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as("keytool: %s", output).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    return keys;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static HttpClient client(KeyStore trust) throws Exception {
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trustManagers.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  private static HttpResponse<String> get(HttpClient client, String url)
      throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
