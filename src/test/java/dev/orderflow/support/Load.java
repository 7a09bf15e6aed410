package dev.orderflow.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntFunction;

/** Keeps a number of requests in flight until enough were acknowledged; returns what each acknowledgement named. */
public final class Load {

  private final AtomicInteger sent = new AtomicInteger();

  public Set<String> untilAcknowledged(int acknowledgements, int inFlight, IntFunction<HttpRequest> request,
                                       Function<HttpResponse<String>, String> acknowledged) throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    Set<String> acks = ConcurrentHashMap.newKeySet();
    Semaphore slots = new Semaphore(inFlight);
    while (acks.size() < acknowledgements) {
      slots.acquire();
      client.sendAsync(request.apply(sent.incrementAndGet()), HttpResponse.BodyHandlers.ofString())
        .whenComplete((response, failure) -> {
          String ack = failure == null ? acknowledged.apply(response) : null;
          if (ack != null) {
            acks.add(ack);
          }
          slots.release();
        });
    }
    return acks;
  }

  public int sent() {
    return sent.get();
  }
}
