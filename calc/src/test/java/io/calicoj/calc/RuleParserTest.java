package io.calicoj.calc;

import static io.calicoj.calc.testing.Resources.namedPortSet;
import static io.calicoj.calc.testing.Resources.ports;
import static io.calicoj.calc.testing.Resources.selectorSet;
import static org.assertj.core.api.Assertions.assertThat;

import io.calicoj.dataplane.api.ParsedRule;
import io.calicoj.model.Action;
import io.calicoj.model.Cidr;
import io.calicoj.model.EntityRule;
import io.calicoj.model.IcmpMatch;
import io.calicoj.model.Port;
import io.calicoj.model.Protocol;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.felix.FelixProjection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Model rule (in namespace x) → ParsedRule, case by case. */
class RuleParserTest {

    /** A rule of a policy in namespace {@code x} and the ParsedRule the scanner must make of it. */
    record Case(String name, Rule input, ParsedRule expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String X = "(projectcalico.org/namespace == 'x') && ";

    private static EntityRule side(String selector, String notSelector, List<Port> ports, List<Port> notPorts) {
        return new EntityRule(List.of(), List.of(), selector == null ? null : SelectorExpression.parse(selector),
                notSelector == null ? null : SelectorExpression.parse(notSelector), null, ports, notPorts);
    }

    /** An allow rule with only destination criteria; the expected rule's other lists are empty. */
    private static ParsedRule dst(Protocol protocol, List<String> sets, List<String> notSets, List<Port> ports,
                                  List<Port> notPorts, List<String> named, List<String> notNamed) {
        return new ParsedRule(Action.ALLOW, null, protocol, null, null, null, List.of(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), sets, notSets, ports, notPorts, named,
                notNamed);
    }

    static Stream<Case> cases() {
        Rule allow = Rule.of(Action.ALLOW);
        return Stream.of(
                new Case("no criteria", allow, dst(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of())),
                new Case("selector becomes a namespace-scoped selector set",
                        allow.withDestination(side("app == 'db'", null, List.of(), List.of())),
                        dst(null, List.of(selectorSet(X + "(app == 'db')")), List.of(), List.of(), List.of(), List.of(),
                                List.of())),
                new Case("not-selector becomes a negated set, scoping the positive side to the namespace",
                        allow.withDestination(side(null, "app == 'db'", List.of(), List.of())),
                        dst(null, List.of(selectorSet("projectcalico.org/namespace == 'x'")),
                                List.of(selectorSet("app == 'db'")), List.of(), List.of(), List.of(), List.of())),
                new Case("numeric ports stay ports",
                        allow.withProtocol(Protocol.TCP).withDestination(side(null, null, ports("80", "8000:8080"),
                                ports("8005"))),
                        dst(Protocol.TCP, List.of(), List.of(), ports("80", "8000:8080"), ports("8005"), List.of(),
                                List.of())),
                new Case("a named port without selector filters by all()",
                        allow.withProtocol(Protocol.TCP).withDestination(side(null, null, ports("http"), List.of())),
                        dst(Protocol.TCP, List.of(), List.of(), List.of(), List.of(),
                                List.of(namedPortSet("all()", Protocol.TCP, "http")), List.of())),
                new Case("a named port with a selector filters by it and drops the plain set",
                        allow.withProtocol(Protocol.TCP).withDestination(side("app == 'db'", null, ports("http"),
                                List.of())),
                        dst(Protocol.TCP, List.of(), List.of(), List.of(), List.of(),
                                List.of(namedPortSet(X + "(app == 'db')", Protocol.TCP, "http")), List.of())),
                new Case("numeric and named ports keep the plain set too",
                        allow.withProtocol(Protocol.TCP).withDestination(side("app == 'db'", null,
                                ports("http", "443"), List.of())),
                        dst(Protocol.TCP, List.of(selectorSet(X + "(app == 'db')")), List.of(), ports("443"), List.of(),
                                List.of(namedPortSet(X + "(app == 'db')", Protocol.TCP, "http")), List.of())),
                new Case("the negated selector is folded into the named-port filter",
                        allow.withProtocol(Protocol.TCP).withDestination(side("app == 'db'", "role == 'x'",
                                ports("http"), List.of())),
                        dst(Protocol.TCP, List.of(), List.of(selectorSet("role == 'x'")), List.of(), List.of(),
                                List.of(namedPortSet("(" + X + "(app == 'db')) && !(role == 'x')", Protocol.TCP, "http")),
                                List.of())),
                new Case("negated named ports use the positive selector",
                        allow.withProtocol(Protocol.UDP).withDestination(side("app == 'db'", null, List.of(),
                                ports("dns"))),
                        dst(Protocol.UDP, List.of(selectorSet(X + "(app == 'db')")), List.of(), List.of(), List.of(),
                                List.of(), List.of(namedPortSet(X + "(app == 'db')", Protocol.UDP, "dns")))),
                new Case("SCTP named ports get SCTP sets",
                        allow.withProtocol(Protocol.SCTP).withDestination(side(null, null, ports("s"), List.of())),
                        dst(Protocol.SCTP, List.of(), List.of(), List.of(), List.of(),
                                List.of(namedPortSet("all()", Protocol.SCTP, "s")), List.of())),
                new Case("source side too, with nets and ICMP copied",
                        new Rule(Action.DENY, 4, Protocol.ICMP, null, new IcmpMatch(8, null), null,
                                side("app == 'a'", null, List.of(), List.of())
                                        .withNets(List.of(Cidr.parse("10.0.0.0/8")))
                                        .withNotNets(List.of(Cidr.parse("10.1.0.0/16"))), EntityRule.ANY),
                        new ParsedRule(Action.DENY, 4, Protocol.ICMP, null, new IcmpMatch(8, null), null,
                                List.of(Cidr.parse("10.0.0.0/8")), List.of(Cidr.parse("10.1.0.0/16")),
                                List.of(selectorSet(X + "(app == 'a')")), List.of(), List.of(), List.of(), List.of(),
                                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                                List.of())));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aRuleBecomesTheParsedRuleFelixWouldSend(Case c) {
        RuleParser parser = new RuleParser();
        List<ParsedRule> parsed = parser.parse(FelixProjection.rules(List.of(c.input()), "x"));
        assertThat(parsed).containsExactly(c.expected());
        assertThat(parser.ipSets().keySet()).containsExactlyInAnyOrderElementsOf(c.expected().ipSetIds());
    }
}
