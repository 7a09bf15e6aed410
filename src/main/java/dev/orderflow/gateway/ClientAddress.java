package dev.orderflow.gateway;

import dev.orderflow.platform.core.StartupException;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.ext.web.RoutingContext;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The address a request comes from, for rate limiting. It is the socket's peer, unless that peer is
 * a configured trusted proxy: then it is the right-most address of {@code X-Forwarded-For} that is
 * not a trusted proxy itself. Addresses to the left of it were written by the client and prove
 * nothing; a header from an untrusted peer is ignored altogether. An IPv6 client is its /64
 * network: one host is usually given a whole /64 and could otherwise take a new address per request.
 */
final class ClientAddress {

  static final String SETTING = "ORDERFLOW_TRUSTED_PROXIES";
  private static final String FORWARDED_FOR = "X-Forwarded-For";
  private static final int IPV6_BYTES = 16;
  private static final int IPV6_NETWORK_BYTES = 8;

  private final List<IpSubnetFilterRule> trustedProxies;

  private ClientAddress(List<IpSubnetFilterRule> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  /** {@code proxies}: addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code ::1}). */
  static ClientAddress trusting(List<String> proxies) {
    List<IpSubnetFilterRule> rules = new ArrayList<>();
    for (String proxy : proxies) {
      rules.add(rule(proxy.trim()));
    }
    return new ClientAddress(List.copyOf(rules));
  }

  String of(RoutingContext ctx) {
    return asClient(forwardedOrPeer(ctx));
  }

  private String forwardedOrPeer(RoutingContext ctx) {
    String peer = ctx.request().remoteAddress().hostAddress();
    if (trustedProxies.isEmpty() || !isTrusted(peer)) {
      return peer;
    }
    List<String> forwarded = ctx.request().headers().getAll(FORWARDED_FOR);
    List<String> hops = new ArrayList<>();
    for (String header : forwarded) {
      for (String hop : header.split(",")) {
        hops.add(hop.trim());
      }
    }
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (!NetUtil.isValidIpV4Address(hop) && !NetUtil.isValidIpV6Address(hop)) {
        return peer;
      }
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private static String asClient(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null || bytes.length != IPV6_BYTES) {
      return address;
    }
    Arrays.fill(bytes, IPV6_NETWORK_BYTES, IPV6_BYTES, (byte) 0);
    return NetUtil.bytesToIpAddress(bytes) + "/64";
  }

  private boolean isTrusted(String address) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
    if (bytes == null) {
      return false;
    }
    try {
      InetSocketAddress socketAddress = new InetSocketAddress(InetAddress.getByAddress(bytes), 0);
      return trustedProxies.stream().anyMatch(rule -> rule.matches(socketAddress));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static IpSubnetFilterRule rule(String proxy) {
    String[] parts = proxy.split("/", 2);
    boolean ipv4 = NetUtil.isValidIpV4Address(parts[0]);
    if (!ipv4 && !NetUtil.isValidIpV6Address(parts[0])) {
      throw StartupException.of(SETTING, "'" + proxy + "' is not an IP address or CIDR range");
    }
    int maxPrefix = ipv4 ? 32 : 128;
    try {
      int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : maxPrefix;
      if (prefix < 0 || prefix > maxPrefix) {
        throw new NumberFormatException();
      }
      return new IpSubnetFilterRule(parts[0], prefix, IpFilterRuleType.ACCEPT);
    } catch (NumberFormatException e) {
      throw StartupException.of(SETTING, "'" + proxy + "' has no valid prefix length (0-" + maxPrefix + ")");
    }
  }
}
