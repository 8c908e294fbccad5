package dev.hookline.service;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A list of networks (CIDRs) an address is checked against; empty allows any. The gateway
 * checks where phones call from, the dispatcher where it may send commands (addresses that
 * phones reported, so a forged report must not point it, and the phones' logins, elsewhere).
 * Only literal addresses match: nothing here ever resolves a host name.
 */
public final class Networks {

    private final List<IpSubnetFilterRule> rules;

    private Networks(List<IpSubnetFilterRule> rules) {
        this.rules = rules;
    }

    /** Parses CIDRs such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is /32 or /128. */
    public static Networks of(List<String> cidrs) {
        return new Networks(cidrs.stream().map(String::strip).filter(cidr -> !cidr.isEmpty())
                .map(Networks::rule).toList());
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

    /** Whether the address lies in one of the networks; a host name (never resolved here) does not. */
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
