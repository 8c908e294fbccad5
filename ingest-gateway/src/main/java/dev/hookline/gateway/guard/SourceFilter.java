package dev.hookline.gateway.guard;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/** The source networks allowed to call the gateway; empty allows any. */
public final class SourceFilter {

    private final List<IpSubnetFilterRule> rules;

    private SourceFilter(List<IpSubnetFilterRule> rules) {
        this.rules = rules;
    }

    /** Parses CIDRs such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is /32 or /128. */
    public static SourceFilter of(List<String> cidrs) {
        return new SourceFilter(cidrs.stream().map(String::strip).filter(cidr -> !cidr.isEmpty())
                .map(SourceFilter::rule).toList());
    }

    private static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        try {
            InetAddress parsed = InetAddress.getByName(address);
            int maxBits = parsed.getAddress().length * 8;
            int bits = slash < 0 ? maxBits : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > maxBits) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
            return new IpSubnetFilterRule(parsed, bits, IpFilterRuleType.ACCEPT);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not a network: " + cidr + " (expected e.g. 10.0.0.0/8)", e);
        }
    }

    public boolean allowsAny() {
        return rules.isEmpty();
    }

    public boolean allows(String address) {
        if (rules.isEmpty()) {
            return true;
        }
        InetSocketAddress source = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(source)) {
                return true;
            }
        }
        return false;
    }
}
