package dev.orderflow.loadgen;

import java.net.ConnectException;
import java.util.Locale;

/** Names an error's kind for the summary: an HTTP status with its problem type, a connect failure, a timeout. */
final class Answers {

  private Answers() {
  }

  static String kind(ShopClient.Answer answer) {
    String type = answer.body().getString("type", "");
    String slug = type.substring(type.lastIndexOf('/') + 1);
    return "HTTP " + answer.status() + (slug.isEmpty() ? "" : " " + slug);
  }

  static String kind(Throwable failure) {
    String name = failure.getClass().getSimpleName();
    if (failure instanceof ConnectException || name.contains("Connect")) {
      return "connect";
    }
    if (name.toLowerCase(Locale.ROOT).contains("timeout") || String.valueOf(failure.getMessage()).contains("timeout period")) {
      return "timeout";
    }
    return "io " + name;
  }
}
