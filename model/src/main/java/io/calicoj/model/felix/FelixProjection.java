package io.calicoj.model.felix;

import io.calicoj.model.EntityRule;
import io.calicoj.model.GlobalNetworkPolicy;
import io.calicoj.model.NetworkPolicy;
import io.calicoj.model.PolicySpec;
import io.calicoj.model.Profile;
import io.calicoj.model.Rule;
import io.calicoj.model.SelectorExpression;
import io.calicoj.model.WellKnownLabels;
import io.calicoj.model.selector.Selector;
import java.util.ArrayList;
import java.util.List;

/**
 * Calico v3 policies and profiles → what Felix evaluates ({@link FelixPolicy}, {@link FelixProfile}),
 * following Calico's syncer update processors:
 * <ul>
 * <li>a namespaced policy selects {@code (<selector>) && projectcalico.org/namespace == '<ns>'};</li>
 * <li>a global policy's {@code namespaceSelector} is prefixed with {@code pcns.} and ANDed in, and
 *     {@code all()} then means "in some namespace";</li>
 * <li>a rule side's selector is scoped: by its {@code namespaceSelector} ({@code pcns.}-prefixed,
 *     {@code all()} → any namespace, {@code global()} → no namespace) when present, else by the
 *     policy's own namespace; {@code notSelector} is left alone; a side with only nets or ports
 *     stays unscoped (it matches addresses outside Calico too).</li>
 * </ul>
 */
public final class FelixProjection {

    private static final String IN_A_NAMESPACE = "has(" + WellKnownLabels.NAMESPACE + ")";
    private static final String IN_NO_NAMESPACE = "!has(" + WellKnownLabels.NAMESPACE + ")";

    private FelixProjection() {
    }

    public static FelixPolicy project(NetworkPolicy np) {
        String ns = np.metadata().namespace();
        PolicySpec spec = np.spec();
        String nsTerm = namespaceTerm(ns);
        String selector = spec.selector().isEmpty() ? nsTerm : "(" + spec.selector().text() + ") && " + nsTerm;
        return new FelixPolicy(PolicyId.namespaced(spec.tier(), ns, np.metadata().name()), spec.order(),
                parse(selector), spec.typeSet(), rules(spec.ingress(), ns), rules(spec.egress(), ns),
                false, false, false);
    }

    public static FelixPolicy project(GlobalNetworkPolicy gnp) {
        PolicySpec spec = gnp.spec();
        String selector = spec.selector().text();
        if (spec.namespaceSelector() != null && !spec.namespaceSelector().isEmpty()) {
            String nsSel = spec.namespaceSelector().selector()
                    .withLabelPrefix(WellKnownLabels.NAMESPACE_LABEL_PREFIX).canonical();
            selector = selector.isBlank() ? nsSel : "(" + selector + ") && " + nsSel;
            selector = selector.replace("all()", IN_A_NAMESPACE);
        }
        return new FelixPolicy(PolicyId.global(spec.tier(), gnp.metadata().name()), spec.order(),
                parse(selector), spec.typeSet(), rules(spec.ingress(), ""), rules(spec.egress(), ""),
                spec.doNotTrack(), spec.preDnat(), spec.applyOnForward());
    }

    public static FelixProfile project(Profile profile) {
        return new FelixProfile(profile.metadata().name(), rules(profile.spec().ingress(), ""),
                rules(profile.spec().egress(), ""), profile.spec().labelsToApply());
    }

    /** The rules of a policy in namespace {@code namespace} ({@code ""} for global policies and profiles). */
    public static List<FelixRule> rules(List<Rule> rules, String namespace) {
        List<FelixRule> out = new ArrayList<>(rules.size());
        for (Rule r : rules) {
            out.add(rule(r, namespace));
        }
        return out;
    }

    public static FelixRule rule(Rule rule, String namespace) {
        return new FelixRule(rule,
                parseOrNull(scopedSelector(rule.source(), namespace)),
                parseOrNull(text(rule.source().notSelector())),
                parseOrNull(scopedSelector(rule.destination(), namespace)),
                parseOrNull(text(rule.destination().notSelector())));
    }

    /** The positive selector of one side of a rule, as Felix sees it ({@code ""} = unconstrained). */
    static String scopedSelector(EntityRule side, String namespace) {
        String nsSel;
        boolean hasNsSelector = side.namespaceSelector() != null && !side.namespaceSelector().isEmpty();
        if (hasNsSelector) {
            nsSel = side.namespaceSelector().selector().withLabelPrefix(WellKnownLabels.NAMESPACE_LABEL_PREFIX)
                    .canonical().replace("all()", IN_A_NAMESPACE).replace("global()", IN_NO_NAMESPACE);
        } else if (!namespace.isEmpty()) {
            nsSel = namespaceTerm(namespace);
        } else {
            nsSel = "";
        }
        String endpoint = text(side.selector());
        String not = text(side.notSelector());
        if (!nsSel.isEmpty() && (!endpoint.isEmpty() || !not.isEmpty() || hasNsSelector)) {
            return endpoint.isEmpty() ? nsSel : "(" + nsSel + ") && (" + endpoint + ")";
        }
        return endpoint;
    }

    private static String namespaceTerm(String namespace) {
        return WellKnownLabels.NAMESPACE + " == '" + namespace + "'";
    }

    private static String text(SelectorExpression e) {
        return e == null ? "" : e.text().trim();
    }

    private static Selector parse(String text) {
        return SelectorExpression.parse(text).selector();
    }

    private static Selector parseOrNull(String text) {
        return text.isEmpty() ? null : parse(text);
    }
}
