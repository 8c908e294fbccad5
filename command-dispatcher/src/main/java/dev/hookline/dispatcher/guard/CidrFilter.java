package dev.hookline.dispatcher.guard;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The networks commands may be sent to; empty allows any. Addresses come from device.state.v1,
 * i.e. from what phones reported, so this is what keeps a forged report from pointing the
 * dispatcher (and the phones' credentials) at another host.
 */
public final class CidrFilter {

    private final List<IpSubnetFilterRule> rules;

    private CidrFilter(List<IpSubnetFilterRule> rules) {
        this.rules = rules;
    }

    /** Parses CIDRs such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is /32 or /128. */
    public static CidrFilter of(List<String> cidrs) {
        return new CidrFilter(cidrs.stream().map(String::strip).filter(cidr -> !cidr.isEmpty())
                .map(CidrFilter::rule).toList());
    }

    private static IpSubnetFilterRule rule(String cidr) {
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        if (!looksNumeric(address)) {
            throw new IllegalArgumentException("not a network: " + cidr + " (expected e.g. 10.0.0.0/8)");
        }
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

    /** Whether a phone at this address may be called; a host name (never resolved here) is not allowed. */
    public boolean allows(String address) {
        if (rules.isEmpty()) {
            return true;
        }
        // Only literal addresses: resolving a name would let DNS decide where credentials go.
        if (!looksNumeric(address)) {
            return false;
        }
        InetSocketAddress target = new InetSocketAddress(address, 0);
        if (target.isUnresolved()) {
            return false;
        }
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(target)) {
                return true;
            }
        }
        return false;
    }

    /** IPv4 dotted digits or an IPv6 literal; anything else would make InetAddress do a DNS lookup. */
    static boolean looksNumeric(String address) {
        if (address.isEmpty()) {
            return false;
        }
        if (address.indexOf(':') >= 0) {
            return address.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.' || c == '%');
        }
        return address.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }
}
