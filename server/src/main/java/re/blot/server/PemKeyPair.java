package re.blot.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A TLS certificate chain and its private key read from PEM files, as certbot and most ACME clients
 * write them ({@code fullchain.pem}, {@code privkey.pem}), handed to Jetty as an in-memory key
 * store. Every problem (unreadable file, no certificate, a key in another encoding, a key that does
 * not belong to the certificate) is reported naming the file, before the server binds.
 */
final class PemKeyPair {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private final List<Certificate> chain;
  private final PrivateKey key;

  private PemKeyPair(List<Certificate> chain, PrivateKey key) {
    this.chain = chain;
    this.key = key;
  }

  /** Reads and cross-checks both files; throws {@link IllegalArgumentException} naming the file. */
  static PemKeyPair read(Path certificateFile, Path keyFile) {
    PemKeyPair pair = new PemKeyPair(certificates(certificateFile), privateKey(keyFile));
    if (!pair.matches()) {
      throw new IllegalArgumentException(
          "the TLS key "
              + keyFile
              + " does not belong to the first certificate in "
              + certificateFile
              + " (for certbot: privkey.pem and fullchain.pem of the same live/ directory)");
    }
    return pair;
  }

  /** Jetty's TLS settings serving this certificate chain. */
  SslContextFactory.Server sslContextFactory() {
    try {
      String password = UUID.randomUUID().toString();
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, password.toCharArray(), chain.toArray(Certificate[]::new));
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStore(store);
      tls.setKeyStorePassword(password);
      return tls;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a key store from the TLS files: " + e, e);
    }
  }

  /** Whether the key signs what the first certificate's public key verifies. */
  private boolean matches() {
    PublicKey publicKey = chain.get(0).getPublicKey();
    if (!publicKey.getAlgorithm().equals(key.getAlgorithm())) {
      return false;
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm();
        };
    try {
      byte[] probe = "blotre-server".getBytes(StandardCharsets.UTF_8);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static List<Certificate> certificates(Path file) {
    List<Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(file)) {
        if (block.type().equals("CERTIFICATE")) {
          chain.add(factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the TLS certificate " + file + " is damaged: " + e, e);
    }
    if (chain.isEmpty()) {
      throw new IllegalArgumentException(
          "the TLS certificate file "
              + file
              + " holds no -----BEGIN CERTIFICATE----- block (expected a PEM file such as"
              + " certbot's fullchain.pem)");
    }
    return List.copyOf(chain);
  }

  private static PrivateKey privateKey(Path file) {
    List<Block> blocks = blocks(file);
    for (Block block : blocks) {
      if (block.type().equals("PRIVATE KEY")) {
        for (String algorithm : KEY_ALGORITHMS) {
          try {
            return KeyFactory.getInstance(algorithm)
                .generatePrivate(new PKCS8EncodedKeySpec(block.der()));
          } catch (GeneralSecurityException e) {
            // not this algorithm; the next one may fit
          }
        }
        throw new IllegalArgumentException(
            "the TLS key " + file + " is not an RSA, EC or EdDSA key this Java can read");
      }
    }
    String found =
        blocks.stream()
            .map(Block::type)
            .filter(t -> t.endsWith("PRIVATE KEY"))
            .findFirst()
            .orElse(null);
    if (found != null) {
      throw new IllegalArgumentException(
          "the TLS key "
              + file
              + " is a '"
              + found
              + "' block; the server reads unencrypted PKCS#8 keys (-----BEGIN PRIVATE KEY-----),"
              + " convert it with: openssl pkcs8 -topk8 -nocrypt -in "
              + file
              + " -out KEY.pem");
    }
    throw new IllegalArgumentException(
        "the TLS key file "
            + file
            + " holds no -----BEGIN PRIVATE KEY----- block (expected a PEM file such as certbot's"
            + " privkey.pem)");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the TLS file " + file + ": " + describe(e), e);
    }
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "the " + m.group(1) + " block in " + file + " is not valid base64", e);
      }
    }
    return blocks;
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied (the service reads it as the user blotre-server; see"
          + " LoadCredential= in docs/server.md)";
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.toString();
  }
}
