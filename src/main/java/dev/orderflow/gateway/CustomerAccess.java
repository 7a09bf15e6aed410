package dev.orderflow.gateway;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.orderflow.platform.bus.ServiceClient;
import dev.orderflow.platform.bus.ServiceFailure;
import dev.orderflow.platform.core.Secrets;
import dev.orderflow.platform.http.HttpProblem;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * The check mounted on each customer route: a customer's bearer token (checked, and its customer
 * must still exist) or the admin token. Routes then act for {@link #caller}: the token's customer,
 * or an operator, who may read and act for any customer. A route that reads its caller without
 * this check in front fails (500): it is a programming error, and never grants an operator's rights.
 */
final class CustomerAccess {

  private static final String CALLER = "orderflow.caller";
  private static final String CHALLENGE = "Bearer realm=\"orderflow\"";
  private static final int MAX_KNOWN_CUSTOMERS = 100_000;

  private final Credentials credentials;
  private final CustomerTokens tokens;
  private final ServiceClient services;
  /**
   * Customers the customers module confirmed recently: their next requests skip the bus round trip.
   * The TTL bounds how long a token could outlive its customer's removal.
   */
  private final Cache<String, Boolean> knownCustomers;

  CustomerAccess(Credentials credentials, CustomerTokens tokens, ServiceClient services, long knownCustomerTtlMs) {
    this.credentials = credentials;
    this.tokens = tokens;
    this.services = services;
    this.knownCustomers = Caffeine.newBuilder().maximumSize(MAX_KNOWN_CUSTOMERS)
      .expireAfterWrite(Duration.ofMillis(knownCustomerTtlMs)).build();
  }

  /** Whom the request acts for; throws when {@link #authenticate} did not run on its route. */
  static Caller caller(RoutingContext ctx) {
    Caller caller = ctx.get(CALLER);
    if (caller == null) {
      throw new IllegalStateException(ctx.request().method() + " " + ctx.request().path()
        + " reads its caller but its route is not mounted behind CustomerAccess.authenticate");
    }
    return caller;
  }

  /** Whether the request may see what belongs to {@code customerId}. */
  static boolean mayActFor(RoutingContext ctx, String customerId) {
    return caller(ctx).mayActFor(customerId);
  }

  void authenticate(RoutingContext ctx) {
    if (credentials.isAdmin(ctx)) {
      ctx.put(CALLER, new Caller.Operator());
      ctx.next();
      return;
    }
    String token = Secrets.bearerCredential(ctx.request().getHeader("Authorization"));
    if (token == null) {
      refuse(ctx, CHALLENGE, "send the access token from your registration as Authorization: Bearer <token>");
      return;
    }
    tokens.verify(token)
      .recover(invalid -> Future.failedFuture(
        new Refused("the access token is not valid (malformed, expired, another issuer or not signed by this shop)")))
      .compose(customerId -> existing(ctx, customerId))
      .onSuccess(customerId -> {
        ctx.put(CALLER, new Caller.Customer(customerId));
        ctx.next();
      })
      .onFailure(failure -> {
        if (failure instanceof Refused refused) {
          refuse(ctx, CHALLENGE + ", error=\"invalid_token\"", refused.getMessage());
        } else {
          Problems.fail(ctx, failure);
        }
      });
  }

  /** The customer id once the customers module knows it; a token outliving its customer is refused. */
  private Future<String> existing(RoutingContext ctx, String customerId) {
    if (knownCustomers.getIfPresent(customerId) != null) {
      return Future.succeededFuture(customerId);
    }
    return services.request(GatewayContract.CUSTOMERS, GatewayContract.GET_CUSTOMER, new JsonObject().put("id", customerId), HttpReplies.correlationId(ctx))
      .map(found -> {
        knownCustomers.put(customerId, Boolean.TRUE);
        return customerId;
      })
      .recover(failure -> Future.failedFuture(failure instanceof ServiceFailure missing && missing.kind() == ServiceFailure.Kind.NOT_FOUND
        ? new Refused("the access token's customer does not exist")
        : failure));
  }

  /** Another customer's resource is answered as missing, the way a resource that does not exist is: no oracle. */
  static void notFound(RoutingContext ctx, String what, String id) {
    Problems.send(ctx, HttpProblem.of(404, "not-found", "Not found", "no " + what + " with id '" + id + "'"));
  }

  private static void refuse(RoutingContext ctx, String challenge, String detail) {
    ctx.response().putHeader("WWW-Authenticate", challenge);
    Problems.send(ctx, HttpProblem.of(401, "unauthorized", "Unauthorized", detail));
  }

  /** A token this shop does not accept: answered 401, never logged. */
  private static final class Refused extends RuntimeException {

    Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
