package io.calicoj.dataplane.testing;

import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds {@link ParsedRule}s for tests: every list starts empty, every scalar null. */
public final class ParsedRuleBuilder {

    private final Action action;
    private Integer ipVersion;
    private Protocol protocol;
    private Protocol notProtocol;
    private IcmpMatch icmp;
    private IcmpMatch notIcmp;
    private final List<Cidr> srcNets = new ArrayList<>();
    private final List<Cidr> notSrcNets = new ArrayList<>();
    private final List<String> srcSets = new ArrayList<>();
    private final List<String> notSrcSets = new ArrayList<>();
    private final List<Port> srcPorts = new ArrayList<>();
    private final List<Port> notSrcPorts = new ArrayList<>();
    private final List<String> srcNamed = new ArrayList<>();
    private final List<String> notSrcNamed = new ArrayList<>();
    private final List<Cidr> dstNets = new ArrayList<>();
    private final List<Cidr> notDstNets = new ArrayList<>();
    private final List<String> dstSets = new ArrayList<>();
    private final List<String> notDstSets = new ArrayList<>();
    private final List<Port> dstPorts = new ArrayList<>();
    private final List<Port> notDstPorts = new ArrayList<>();
    private final List<String> dstNamed = new ArrayList<>();
    private final List<String> notDstNamed = new ArrayList<>();

    private ParsedRuleBuilder(Action action) {
        this.action = action;
    }

    public static ParsedRuleBuilder allow() {
        return new ParsedRuleBuilder(Action.ALLOW);
    }

    public static ParsedRuleBuilder deny() {
        return new ParsedRuleBuilder(Action.DENY);
    }

    public static ParsedRuleBuilder pass() {
        return new ParsedRuleBuilder(Action.PASS);
    }

    public static ParsedRuleBuilder log() {
        return new ParsedRuleBuilder(Action.LOG);
    }

    public ParsedRuleBuilder ipVersion(int v) {
        ipVersion = v;
        return this;
    }

    public ParsedRuleBuilder protocol(Protocol p) {
        protocol = p;
        return this;
    }

    public ParsedRuleBuilder notProtocol(Protocol p) {
        notProtocol = p;
        return this;
    }

    public ParsedRuleBuilder icmp(int type, Integer code) {
        icmp = new IcmpMatch(type, code);
        return this;
    }

    public ParsedRuleBuilder notIcmp(int type, Integer code) {
        notIcmp = new IcmpMatch(type, code);
        return this;
    }

    public ParsedRuleBuilder srcNets(String... cidrs) {
        srcNets.addAll(cidrs(cidrs));
        return this;
    }

    public ParsedRuleBuilder notSrcNets(String... cidrs) {
        notSrcNets.addAll(cidrs(cidrs));
        return this;
    }

    public ParsedRuleBuilder dstNets(String... cidrs) {
        dstNets.addAll(cidrs(cidrs));
        return this;
    }

    public ParsedRuleBuilder notDstNets(String... cidrs) {
        notDstNets.addAll(cidrs(cidrs));
        return this;
    }

    public ParsedRuleBuilder srcIpSets(String... ids) {
        srcSets.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder notSrcIpSets(String... ids) {
        notSrcSets.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder dstIpSets(String... ids) {
        dstSets.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder notDstIpSets(String... ids) {
        notDstSets.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder srcPorts(Port... ports) {
        srcPorts.addAll(Arrays.asList(ports));
        return this;
    }

    public ParsedRuleBuilder notSrcPorts(Port... ports) {
        notSrcPorts.addAll(Arrays.asList(ports));
        return this;
    }

    public ParsedRuleBuilder dstPorts(Port... ports) {
        dstPorts.addAll(Arrays.asList(ports));
        return this;
    }

    public ParsedRuleBuilder notDstPorts(Port... ports) {
        notDstPorts.addAll(Arrays.asList(ports));
        return this;
    }

    public ParsedRuleBuilder srcNamedPortSets(String... ids) {
        srcNamed.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder notSrcNamedPortSets(String... ids) {
        notSrcNamed.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder dstNamedPortSets(String... ids) {
        dstNamed.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRuleBuilder notDstNamedPortSets(String... ids) {
        notDstNamed.addAll(Arrays.asList(ids));
        return this;
    }

    public ParsedRule build() {
        return new ParsedRule(action, ipVersion, protocol, notProtocol, icmp, notIcmp, srcNets, notSrcNets, srcSets, notSrcSets,
                srcPorts, notSrcPorts, srcNamed, notSrcNamed, dstNets, notDstNets, dstSets, notDstSets, dstPorts, notDstPorts,
                dstNamed, notDstNamed);
    }

    private static List<Cidr> cidrs(String... cidrs) {
        return Arrays.stream(cidrs).map(Cidr::parse).toList();
    }
}
