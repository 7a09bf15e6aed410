package dev.orderflow.payments;

import io.vertx.core.json.JsonObject;

/** What the provider answered: an HTTP status and its JSON body (empty when it sent none). */
record ProviderAnswer(int status, JsonObject body) {

  boolean succeeded() {
    return status >= 200 && status < 300;
  }

  /** 402: the card was declined, a business answer like a capture. */
  boolean declined() {
    return status == 402;
  }

  /** 401 or 403: the provider refused our API key, whatever the request; not the customer's fault. */
  boolean credentialsRefused() {
    return status == 401 || status == 403;
  }

  /** Why the provider refused, for a 4xx answer: its problem detail, else the status. */
  String refusal() {
    return "HTTP " + status + (body.getString("detail") == null ? "" : " " + body.getString("detail"));
  }
}
