package dev.orderflow.gateway;

import dev.orderflow.Orderflow;
import dev.orderflow.platform.core.Correlation;
import dev.orderflow.platform.Instance;
import dev.orderflow.platform.core.StartupException;
import dev.orderflow.support.Http;
import dev.orderflow.support.Shop;
import dev.orderflow.support.SigningKeys;
import dev.orderflow.support.TestInstance;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
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
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThat(claims.getString("aud")).isEqualTo("orderflow-api");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(86400);
    assertThat(Instant.parse(registered.json().getString("expiresAt"))).isEqualTo(Instant.ofEpochSecond(claims.getLong("exp")));

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
  @DisplayName("no token, a malformed one, alg none, another key, HS256 with the public key, expired, another issuer or audience, an unknown customer: 401 Bearer")
  void refusedTokens() throws Exception {
    String customer = shop.newCustomer();
    String orderId = shop.placeAccepted(Shop.order(customer, "tok_visa", "BOOK-0001", 1));
    Vertx vertx = orderflow.instance().platform().vertx();
    String pem = Files.readString(orderflow.dataDir().resolve(SigningKey.GENERATED_FILE));
    JWTAuth instanceKey = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(pem.substring(0, pem.indexOf("-----BEGIN PUBLIC KEY")))));
    JWTOptions valid = new JWTOptions().setAlgorithm("ES256").setIssuer("orderflow").setAudience(List.of("orderflow-api"))
      .setExpiresInSeconds(600);
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
      new JWTOptions(valid).setExpiresInSeconds(0)));
    tokens.put("another issuer", instanceKey.generateToken(new JsonObject().put("sub", customer), new JWTOptions(valid).setIssuer("elsewhere")));
    tokens.put("no audience", instanceKey.generateToken(new JsonObject().put("sub", customer), new JWTOptions(valid).setAudience(List.of())));
    tokens.put("another audience", instanceKey.generateToken(new JsonObject().put("sub", customer),
      new JWTOptions(valid).setAudience(List.of("another-api"))));
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

    KeyPair pair = SigningKeys.ecPair();
    Path configured = SigningKeys.pemFile(pair, "operator-key.pem");
    Path otherDataDir = TestInstance.newDataDir();
    try (TestInstance withKey = TestInstance.start("ORDERFLOW_JWT_PRIVATE_KEY_FILE", configured.toString(), "ORDERFLOW_JWT_ISSUER", "shop.example",
      "ORDERFLOW_DATA_DIR", otherDataDir.toString(), "ORDERFLOW_MODULES", "customers,gateway")) {
      Http.Response registered = new Http(withKey.http().baseUrl()).post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "pem-" + UUID.randomUUID() + "@example.com").put("name", "Pem").encode());
      JWTAuth operatorKey = JWTAuth.create(withKey.instance().platform().vertx(), new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(SigningKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()))));
      assertThat(operatorKey.authenticate(new TokenCredentials(registered.json().getString("accessToken")))
        .await().principal().getString("iss")).isEqualTo("shop.example");
      assertThat(Files.exists(otherDataDir.resolve(SigningKey.GENERATED_FILE))).as("no key generated when one is configured").isFalse();
      Http.Response oldToken = new Http(withKey.http().baseUrl(), "Authorization", "Bearer " + token).get("/api/v1/customers/" + customer);
      assertThat(oldToken.status()).as("a token of another instance's key").isEqualTo(401);
    }
  }

  @Test
  @DisplayName("a customer's still-valid token, or the admin token, gets a fresh token for that customer; another customer's id is 404, none 401")
  void freshTokens() {
    String ada = shop.newCustomer();
    String bob = shop.newCustomer();
    String path = "/api/v1/customers/" + ada + "/tokens";

    Http.Response fresh = shop.as(ada).post(path, "application/json", "");
    assertThat(fresh.status()).as(fresh.body()).isEqualTo(201);
    String token = fresh.json().getString("accessToken");
    JsonObject claims = decode(token.split("\\.")[1]);
    assertThat(claims.getString("sub")).isEqualTo(ada);
    assertThat(claims.getString("aud")).isEqualTo("orderflow-api");
    assertThat(Instant.parse(fresh.json().getString("expiresAt"))).isEqualTo(Instant.ofEpochSecond(claims.getLong("exp")));
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(86400);
    Http withFresh = new Http(base, "Authorization", "Bearer " + token);
    assertThat(withFresh.get("/api/v1/customers/" + ada).status()).as("the fresh token works").isEqualTo(200);
    Http.Response again = withFresh.post(path, "application/json", "");
    assertThat(again.status()).as("a fresh token gets the next one: " + again.body()).isEqualTo(201);

    Http.Response byOperator = orderflow.http().post(path, "application/json", "");
    assertThat(byOperator.status()).as(byOperator.body()).isEqualTo(201);
    assertThat(decode(byOperator.json().getString("accessToken").split("\\.")[1]).getString("sub")).isEqualTo(ada);

    Http.Response forAnother = shop.as(bob).post(path, "application/json", "");
    assertThat(forAnother.status()).as(forAnother.body()).isEqualTo(404);
    assertThat(forAnother.contentType()).isEqualTo("application/problem+json");
    assertThat(forAnother.body()).doesNotContain("accessToken");
    Http.Response unknown = orderflow.http().post("/api/v1/customers/" + UUID.randomUUID() + "/tokens", "application/json", "");
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    Http.Response anonymous = new Http(base).post(path, "application/json", "");
    assertThat(anonymous.status()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    Http.Response forged = new Http(base, "Authorization", "Bearer not.a.jwt").post(path, "application/json", "");
    assertThat(forged.status()).as(forged.body()).isEqualTo(401);
  }

  @Test
  @DisplayName("a customer route mounted without CustomerAccess.authenticate fails (500) instead of acting as an operator")
  void routesWithoutAuthenticationFailClosed() {
    String bob = shop.newCustomer();
    String bobsOrder = shop.placeAccepted(Shop.order(bob, "tok_visa", "LAMP-0001", 1));
    Vertx vertx = orderflow.instance().platform().vertx();
    OrdersRoutes orders = new OrdersRoutes(orderflow.instance().platform().services(), OrderRepresentation.V1);
    PaymentsRoutes payments = new PaymentsRoutes(orderflow.instance().platform().services());
    Router unguarded = Router.router(vertx);
    unguarded.route().handler(ctx -> ctx.put(Correlation.HTTP_HEADER, UUID.randomUUID().toString()).next());
    unguarded.get("/orders/:id").handler(orders::get);
    unguarded.get("/orders").handler(orders::list);
    unguarded.get("/payments").handler(payments::list);
    unguarded.errorHandler(500, ctx -> Problems.fail(ctx, ctx.failure()));
    HttpServer server = vertx.createHttpServer().requestHandler(unguarded).listen(0, "127.0.0.1").await();
    try {
      Http anonymous = new Http("http://127.0.0.1:" + server.actualPort());
      for (String path : new String[] {"/orders/" + bobsOrder, "/orders?customerId=" + bob, "/payments?orderId=" + bobsOrder}) {
        Http.Response answer = anonymous.get(path);
        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(500);
        assertThat(answer.body()).doesNotContain(bob);
      }
    } finally {
      server.close().await();
    }
    shop.settled(bobsOrder, SETTLE);
  }

  @Test
  @DisplayName("idempotency keys belong to their customer: another customer's use of the same key places their own order")
  void idempotencyKeysPerCustomer() {
    String alice = shop.newCustomer();
    String bob = shop.newCustomer();
    String key = "key-" + UUID.randomUUID();

    Http.Response alices = shop.place(Shop.order(alice, "tok_visa", "MUG-0001", 1), "Idempotency-Key", key);
    assertThat(alices.status()).as(alices.body()).isEqualTo(202);
    Http.Response bobs = shop.place(Shop.order(bob, "tok_visa", "PEN-0001", 2), "Idempotency-Key", key);
    assertThat(bobs.status()).as("the same key, another customer, another body: " + bobs.body()).isEqualTo(202);
    String alicesOrder = alices.json().getString("orderId");
    String bobsOrder = bobs.json().getString("orderId");
    assertThat(bobsOrder).isNotEqualTo(alicesOrder);
    assertThat(shop.get(bobsOrder).getString("customerId")).isEqualTo(bob);

    Http.Response replayed = shop.place(Shop.order(alice, "tok_visa", "MUG-0001", 1), "Idempotency-Key", key);
    assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
    assertThat(replayed.json().getString("orderId")).as("the key still replays for its customer").isEqualTo(alicesOrder);
    Http.Response reused = shop.place(Shop.order(alice, "tok_visa", "BOOK-0001", 1), "Idempotency-Key", key);
    assertThat(reused.status()).as("a customer's own key with another body: " + reused.body()).isEqualTo(422);
    shop.settled(alicesOrder, SETTLE);
    shop.settled(bobsOrder, SETTLE);
  }

  @Test
  @DisplayName("an RSA key below 2048 bits is refused at startup, naming the setting; a 2048-bit one signs RS256 tokens")
  void rsaKeysOfAtLeast2048Bits() throws Exception {
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.put("ORDERFLOW_MODULES", "customers,gateway");
    settings.put("ORDERFLOW_JWT_PRIVATE_KEY_FILE", rsaPem(1024).toString());
    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_JWT_PRIVATE_KEY_FILE: ")
      .hasMessageContaining("2048");
    settings.remove("ORDERFLOW_JWT_PRIVATE_KEY_FILE");
    settings.put("ORDERFLOW_JWT_JWKS_FILE", weakRsaJwks().toString());
    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_JWT_JWKS_FILE: ")
      .hasMessageContaining("2048");

    try (TestInstance strong = TestInstance.start("ORDERFLOW_JWT_PRIVATE_KEY_FILE", rsaPem(2048).toString(),
      "ORDERFLOW_MODULES", "customers,gateway")) {
      Http.Response registered = new Http(strong.http().baseUrl()).post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "rsa-" + UUID.randomUUID() + "@example.com").put("name", "Rsa").encode());
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
      assertThat(decode(registered.json().getString("accessToken").split("\\.")[0]).getString("alg")).isEqualTo("RS256");
      Http.Response record = new Http(strong.http().baseUrl(), "Authorization", "Bearer " + registered.json().getString("accessToken"))
        .get("/api/v1/customers/" + registered.json().getString("id"));
      assertThat(record.status()).as(record.body()).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("a clustered gateway with no key configured does not start (its generated key would be its own); with the shared key it starts")
  void clusteredGatewayNeedsTheSharedKey() {
    String cluster = "orderflow-key-" + UUID.randomUUID();
    Map<String, String> settings = new HashMap<>(TestInstance.defaults(TestInstance.newDataDir()));
    settings.putAll(Map.of("ORDERFLOW_MODULES", "customers,gateway", "ORDERFLOW_CLUSTER", "true", "ORDERFLOW_CLUSTER_NAME", cluster));
    assertThatThrownBy(() -> Instance.start(Orderflow.modules(), settings))
      .isInstanceOf(StartupException.class)
      .hasMessageStartingWith("ORDERFLOW_JWT_PRIVATE_KEY_FILE: a clustered gateway needs the token signing key");
    try (TestInstance clustered = TestInstance.start("ORDERFLOW_MODULES", "customers,gateway", "ORDERFLOW_CLUSTER", "true",
      "ORDERFLOW_CLUSTER_NAME", cluster, "ORDERFLOW_JWT_PRIVATE_KEY_FILE", SigningKeys.shared().toString())) {
      Http.Response registered = new Http(clustered.http().baseUrl()).post("/api/v1/customers", "application/json",
        new JsonObject().put("email", "clustered-" + UUID.randomUUID() + "@example.com").put("name", "Clustered").encode());
      assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }
  }

  /** A JWKS whose one key is a 1024-bit RSA public key. */
  private static Path weakRsaJwks() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);
    RSAPublicKey weak = (RSAPublicKey) generator.generateKeyPair().getPublic();
    Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
    JsonObject jwk = new JsonObject().put("kty", "RSA").put("kid", "weak").put("alg", "RS256")
      .put("n", base64url.encodeToString(weak.getModulus().toByteArray())).put("e", base64url.encodeToString(weak.getPublicExponent().toByteArray()));
    Path file = TestInstance.newDataDir().resolve("weak.jwks");
    Files.writeString(file, new JsonObject().put("keys", new JsonArray().add(jwk)).encode());
    return file;
  }

  private static Path rsaPem(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return SigningKeys.pemFile(generator.generateKeyPair(), "rsa-" + bits + ".pem");
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

  private static JWTAuth otherKey(Vertx vertx) throws Exception {
    KeyPair pair = SigningKeys.ecPair();
    return JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(SigningKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()))));
  }

  private static String b64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject decode(String segment) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
  }
}
