package dev.orderflow.gateway;

import dev.orderflow.support.Http;
import dev.orderflow.support.Shop;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Customer identity: a bearer JWT from registration, and each customer sees and changes only their own")
@org.junit.jupiter.api.TestInstance(Lifecycle.PER_CLASS)
class CustomerIdentityTest {

  private static final Duration SETTLE = Duration.ofSeconds(30);

  private TestInstance orderflow;
  private Shop shop;
  private String base;

  @BeforeAll
  void start() {
    orderflow = TestInstance.start();
    shop = new Shop(orderflow.http());
    base = orderflow.http().baseUrl();
  }

  @AfterAll
  void stop() {
    orderflow.close();
  }

  @Test
  @DisplayName("registration answers a signed token naming the customer; with it the customer orders, reads and pays for their own")
  void happyPath() {
    Http.Response registered = new Http(base).post("/api/v1/customers", "application/json",
      new JsonObject().put("email", "ada-" + UUID.randomUUID() + "@example.com").put("name", "Ada").encode());
    assertThat(registered.status()).isEqualTo(201);
    String customer = registered.json().getString("id");
    String[] token = registered.json().getString("accessToken").split("\\.");
    JsonObject header = decode(token[0]);
    JsonObject claims = decode(token[1]);
    assertThat(header.getString("alg")).isEqualTo("ES256");
    assertThat(claims.getString("sub")).isEqualTo(customer);
    assertThat(claims.getString("iss")).isEqualTo("orderflow");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(86400);

    Http ada = new Http(base, "Authorization", "Bearer " + registered.json().getString("accessToken"));
    JsonObject withoutCustomerId = Shop.order(customer, "tok_visa", "PEN-0001", 1);
    withoutCustomerId.remove("customerId");
    Http.Response placed = ada.post("/api/v1/orders", "application/json", withoutCustomerId.encode());
    assertThat(placed.status()).as(placed.body()).isEqualTo(202);
    String orderId = placed.json().getString("orderId");
    assertThat(ada.get("/api/v1/orders/" + orderId).json().getString("customerId")).as("the token's customer").isEqualTo(customer);
    assertThat(ada.get("/api/v2/orders/" + orderId).status()).isEqualTo(200);
    assertThat(ada.get("/api/v1/customers/" + customer).json().getString("email")).startsWith("ada-");
    assertThat(ada.get("/api/v1/customers/" + customer + "/notifications").status()).isEqualTo(200);
    assertThat(ada.get("/api/v1/payments?orderId=" + orderId).status()).isEqualTo(200);
    Http.Response synced = ada.post("/api/v1/checkout/sync", "application/json", Shop.order(customer, "tok_visa", "PEN-0001", 1).encode());
    assertThat(synced.status()).as(synced.body()).isEqualTo(201);
    assertThat(ada.get("/api/v1/orders").json().getJsonArray("orders")).hasSize(2);
  }

  @Test
  @DisplayName("another customer's order, record, notifications and payments are 404 to them; cancelling it changes nothing; lists are scoped")
  void customersAreKeptApart() {
    String alice = shop.newCustomer();
    String bob = shop.newCustomer();
    String alicesOrder = shop.placeAccepted(Shop.order(alice, "tok_visa", "MUG-0001", 1));
    String bobsOrder = shop.placeAccepted(Shop.order(bob, "tok_visa", "MUG-0001", 1));
    JsonObject bobsBefore = shop.get(bobsOrder);
    Http asAlice = shop.as(alice);

    for (String path : new String[] {"/api/v1/orders/" + bobsOrder, "/api/v2/orders/" + bobsOrder, "/api/v1/customers/" + bob,
      "/api/v1/customers/" + bob + "/notifications", "/api/v1/payments?orderId=" + bobsOrder}) {
      Http.Response refused = asAlice.get(path);
      assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(404);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }
    String missing = UUID.randomUUID().toString();
    assertThat(asAlice.get("/api/v1/orders/" + bobsOrder).json().getString("detail")).as("the answer for an order that does not exist")
      .isEqualTo("no order with id '" + bobsOrder + "'")
      .isEqualTo(asAlice.get("/api/v1/orders/" + missing).json().getString("detail").replace(missing, bobsOrder));
    for (String version : new String[] {"v1", "v2"}) {
      Http.Response cancel = asAlice.post("/api/" + version + "/orders/" + bobsOrder + "/cancel", "application/json", "{}", "If-Match", "*");
      assertThat(cancel.status()).as(cancel.body()).isEqualTo(404);
    }
    JsonObject bobsAfter = shop.get(bobsOrder);
    assertThat(bobsAfter.getBoolean("cancellationRequested")).isFalse();
    assertThat(bobsAfter.getLong("version")).isGreaterThanOrEqualTo(bobsBefore.getLong("version"));

    assertThat(asAlice.get("/api/v1/orders?limit=100").json().getJsonArray("orders").stream()
      .map(order -> ((JsonObject) order).getString("id"))).containsExactly(alicesOrder);
    assertThat(asAlice.get("/api/v2/orders?customerId=" + bob).json().getJsonArray("orders")).isEmpty();
    assertThat(asAlice.get("/api/v1/orders?customerId=" + alice).json().getJsonArray("orders")).hasSize(1);

    Http.Response forBob = asAlice.post("/api/v1/orders", "application/json", Shop.order(bob, "tok_visa", "MUG-0001", 1).encode());
    assertThat(forBob.status()).as(forBob.body()).isEqualTo(403);
    Http.Response syncForBob = asAlice.post("/api/v1/checkout/sync", "application/json", Shop.order(bob, "tok_visa", "MUG-0001", 1).encode());
    assertThat(syncForBob.status()).as(syncForBob.body()).isEqualTo(403);
    assertThat(shop.as(bob).get("/api/v1/orders").json().getJsonArray("orders")).hasSize(1);

    assertThat(orderflow.http().get("/api/v1/orders/" + bobsOrder).status()).as("an operator reads any order").isEqualTo(200);
    shop.settled(alicesOrder, SETTLE);
    shop.settled(bobsOrder, SETTLE);
  }

  @Test
  @DisplayName("no token, a malformed one, alg none, another key, HS256 with the public key, expired, another issuer, an unknown customer: 401 Bearer")
  void refusedTokens() throws Exception {
    String customer = shop.newCustomer();
    String orderId = shop.placeAccepted(Shop.order(customer, "tok_visa", "BOOK-0001", 1));
    Vertx vertx = orderflow.instance().platform().vertx();
    String pem = Files.readString(orderflow.dataDir().resolve(SigningKey.GENERATED_FILE));
    JWTAuth instanceKey = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem.substring(0, pem.indexOf("-----BEGIN PUBLIC KEY")))));
    JWTOptions valid = new JWTOptions().setAlgorithm("ES256").setIssuer("orderflow").setExpiresInSeconds(600);
    long now = System.currentTimeMillis() / 1000;
    String publicKeyPem = pem.substring(pem.indexOf("-----BEGIN PUBLIC KEY"));

    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("malformed", "not.a.jwt");
    tokens.put("alg none", b64(new JsonObject().put("alg", "none").put("typ", "JWT").encode()) + "."
      + b64(new JsonObject().put("sub", customer).put("iss", "orderflow").put("exp", now + 600).encode()) + ".");
    tokens.put("alg none, no signature part", b64("{\"alg\":\"none\"}") + "." + b64(new JsonObject().put("sub", customer).encode()));
    tokens.put("another key", otherKey(vertx).generateToken(new JsonObject().put("sub", customer), valid));
    tokens.put("HS256 keyed with the public key", JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(publicKeyPem)))
      .generateToken(new JsonObject().put("sub", customer), new JWTOptions(valid).setAlgorithm("HS256")));
    tokens.put("expired", instanceKey.generateToken(new JsonObject().put("sub", customer).put("iat", now - 700).put("exp", now - 100),
      new JWTOptions().setAlgorithm("ES256").setIssuer("orderflow")));
    tokens.put("another issuer", instanceKey.generateToken(new JsonObject().put("sub", customer), new JWTOptions(valid).setIssuer("elsewhere")));
    tokens.put("no expiry", instanceKey.generateToken(new JsonObject().put("sub", customer), new JWTOptions(valid).setExpiresInSeconds(0)));
    tokens.put("unknown customer", instanceKey.generateToken(new JsonObject().put("sub", UUID.randomUUID().toString()), valid));

    assertThat(new Http(base, "Authorization", "Bearer " + instanceKey.generateToken(new JsonObject().put("sub", customer), valid))
      .get("/api/v1/orders/" + orderId).status()).as("the test's own signing with the instance key is sound").isEqualTo(200);
    assertRefused(new Http(base), orderId, "no token");
    assertRefused(new Http(base, "Authorization", "Basic " + b64("a:b")), orderId, "another scheme");
    tokens.forEach((name, token) -> assertRefused(new Http(base, "Authorization", "Bearer " + token), orderId, name));
    shop.settled(orderId, SETTLE);
  }

  @Test
  @DisplayName("the generated key is owner-only and kept across a restart: tokens stay valid; a configured PEM key signs instead")
  void keyKeptAndConfigurable() throws Exception {
    Path dataDir = TestInstance.newDataDir();
    String customer;
    String token;
    try (TestInstance first = TestInstance.start("ORDERFLOW_DATA_DIR", dataDir.toString(), "ORDERFLOW_MODULES", "customers,gateway")) {
      Http.Response registered = new Http(first.http().baseUrl()).post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "kept-" + UUID.randomUUID() + "@example.com").put("name", "Kept").encode());
      customer = registered.json().getString("id");
      token = registered.json().getString("accessToken");
    }
    Path key = dataDir.resolve(SigningKey.GENERATED_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    String keyBefore = Files.readString(key);
    try (TestInstance second = TestInstance.start("ORDERFLOW_DATA_DIR", dataDir.toString(), "ORDERFLOW_MODULES", "customers,gateway")) {
      Http.Response record = new Http(second.http().baseUrl(), "Authorization", "Bearer " + token).get("/api/v1/customers/" + customer);
      assertThat(record.status()).as(record.body()).isEqualTo(200);
    }
    assertThat(Files.readString(key)).isEqualTo(keyBefore);

    KeyPair pair = newKeyPair();
    Path configured = TestInstance.newDataDir().resolve("operator-key.pem");
    String operatorPem = pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
    Files.writeString(configured, operatorPem);
    Path otherDataDir = TestInstance.newDataDir();
    try (TestInstance withKey = TestInstance.start("ORDERFLOW_JWT_PRIVATE_KEY_FILE", configured.toString(), "ORDERFLOW_JWT_ISSUER", "shop.example",
      "ORDERFLOW_DATA_DIR", otherDataDir.toString(), "ORDERFLOW_MODULES", "customers,gateway")) {
      Http.Response registered = new Http(withKey.http().baseUrl()).post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "pem-" + UUID.randomUUID() + "@example.com").put("name", "Pem").encode());
      JWTAuth operatorKey = JWTAuth.create(withKey.instance().platform().vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem("PUBLIC KEY", pair.getPublic().getEncoded()))));
      assertThat(operatorKey.authenticate(new TokenCredentials(registered.json().getString("accessToken")))
        .await().principal().getString("iss")).isEqualTo("shop.example");
      assertThat(Files.exists(otherDataDir.resolve(SigningKey.GENERATED_FILE))).as("no key generated when one is configured").isFalse();
      Http.Response oldToken = new Http(withKey.http().baseUrl(), "Authorization", "Bearer " + token).get("/api/v1/customers/" + customer);
      assertThat(oldToken.status()).as("a token of another instance's key").isEqualTo(401);
    }
  }

  private static void assertRefused(Http client, String orderId, String what) {
    for (String path : new String[] {"/api/v1/orders/" + orderId, "/api/v1/orders", "/api/v1/payments?orderId=" + orderId}) {
      Http.Response refused = client.get(path);
      assertThat(refused.status()).as(what + " on " + path + ": " + refused.body()).isEqualTo(401);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
      assertThat(refused.header("WWW-Authenticate")).as(what).startsWith("Bearer");
    }
    Http.Response placing = client.post("/api/v1/orders", "application/json", Shop.order("x", "tok_visa", "MUG-0001", 1).encode());
    assertThat(placing.status()).as(what + " placing an order").isEqualTo(401);
  }

  private static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JWTAuth otherKey(Vertx vertx) throws Exception {
    KeyPair pair = newKeyPair();
    return JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem("PRIVATE KEY", pair.getPrivate().getEncoded()))));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject decode(String segment) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
  }
}
