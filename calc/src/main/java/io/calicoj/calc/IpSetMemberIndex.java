package io.calicoj.calc;

import io.calicoj.calc.labelindex.LabelInheritanceIndex;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.model.EndpointPort;
import io.calicoj.model.IpAddress;
import io.calicoj.model.ResourceKey;
import io.calicoj.model.felix.FelixProfile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members of every active IP set (Felix's {@code SelectorAndNamedPortIndex}): the addresses
 * of every endpoint in the cluster — not only local ones — that the set's selector matches
 * (with labels inherited from profiles), or for a named-port set their (address, protocol, port)
 * where they export that port.
 *
 * <p>Each member is reference counted per set, so an address shared by two endpoints stays until
 * both are gone. An endpoint's new contribution is counted before its old one is released, so a
 * member it keeps never flaps; an update that changes nothing selectors or sets see is skipped.
 * Sets sharing a selector share its matching.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class IpSetMemberIndex implements IpSetActivationListener, EndpointListener, ProfileListener {

    private static final Logger log = LoggerFactory.getLogger(IpSetMemberIndex.class);

    private final IpSetListener out;
    private final LabelInheritanceIndex<String, ResourceKey> index = new LabelInheritanceIndex<>(new Matches());
    private final Map<String, IpSetData> ipSets = new HashMap<>();
    private final Map<String, List<IpSetData>> ipSetsBySelector = new HashMap<>();
    private final Map<ResourceKey, EndpointData> endpoints = new HashMap<>();
    /** Per endpoint, per set it gives members to: those members (no entry when it gives none). */
    private final Map<ResourceKey, Map<String, Set<IpSetMember>>> contributions = new HashMap<>();
    private final Map<String, Map<IpSetMember, Integer>> refCounts = new HashMap<>();

    IpSetMemberIndex(IpSetListener out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public void onIpSetActive(IpSetData set) {
        if (ipSets.putIfAbsent(set.id(), set) != null) {
            throw new IllegalStateException("IP set " + set.id() + " activated twice");
        }
        log.atInfo().addKeyValue("ipSet", set.id()).log("IP set added for {}{}", set.selector(),
                set.isNamedPort() ? " port " + set.portName() + "/" + set.protocol() : "");
        refCounts.put(set.id(), new HashMap<>());
        out.onIpSetAdded(set.id(), set.type());
        String selectorId = set.selector().uniqueId();
        List<IpSetData> sharing = ipSetsBySelector.computeIfAbsent(selectorId, k -> new ArrayList<>());
        sharing.add(set);
        if (sharing.size() == 1) {
            index.updateSelector(selectorId, set.selector()); // populates through Matches
        } else {
            for (ResourceKey endpoint : index.itemsMatching(selectorId)) {
                contribute(endpoint, set);
            }
        }
    }

    @Override
    public void onIpSetInactive(IpSetData set) {
        if (ipSets.remove(set.id()) == null) {
            throw new IllegalStateException("IP set " + set.id() + " deactivated but not active");
        }
        String selectorId = set.selector().uniqueId();
        for (ResourceKey endpoint : index.itemsMatching(selectorId)) {
            Map<String, Set<IpSetMember>> sets = contributions.get(endpoint);
            if (sets != null && sets.remove(set.id()) != null && sets.isEmpty()) {
                contributions.remove(endpoint);
            }
        }
        refCounts.remove(set.id());
        List<IpSetData> sharing = ipSetsBySelector.get(selectorId);
        sharing.removeIf(s -> s.id().equals(set.id()));
        if (sharing.isEmpty()) {
            ipSetsBySelector.remove(selectorId);
            index.deleteSelector(selectorId); // no sets left, so its stop events change nothing
        }
        log.atInfo().addKeyValue("ipSet", set.id()).log("IP set removed");
        out.onIpSetRemoved(set.id());
    }

    @Override
    public void onEndpointUpdate(EndpointData endpoint) {
        EndpointData old = endpoints.put(endpoint.key(), endpoint);
        if (endpoint.sameMembershipAs(old)) {
            return;
        }
        // Sets it joins are filled with the new data; sets it leaves release what it gave.
        index.updateItem(endpoint.key(), endpoint.labels(), endpoint.profileIds());
        if (old != null && (!old.addresses().equals(endpoint.addresses()) || !old.ports().equals(endpoint.ports()))) {
            for (String selectorId : new ArrayList<>(index.selectorsMatching(endpoint.key()))) {
                for (IpSetData set : ipSetsBySelector.get(selectorId)) {
                    contribute(endpoint.key(), set);
                }
            }
        }
    }

    @Override
    public void onEndpointRemoved(ResourceKey key) {
        if (!endpoints.containsKey(key)) {
            return;
        }
        index.deleteItem(key);
        endpoints.remove(key);
        contributions.remove(key);
    }

    @Override
    public void onProfileUpdate(FelixProfile profile) {
        index.updateParent(profile.name(), profile.labels());
    }

    @Override
    public void onProfileRemoved(String name) {
        index.deleteParent(name);
    }

    /** (Re)computes what the endpoint gives the set: counts the new members, then releases the old. */
    private void contribute(ResourceKey endpoint, IpSetData set) {
        Set<IpSetMember> members = members(endpoints.get(endpoint), set);
        Map<String, Set<IpSetMember>> sets = contributions.computeIfAbsent(endpoint, k -> new HashMap<>());
        Set<IpSetMember> old = members.isEmpty() ? sets.remove(set.id()) : sets.put(set.id(), members);
        if (sets.isEmpty()) {
            contributions.remove(endpoint);
        }
        if (members.equals(old) || members.isEmpty() && old == null) {
            return;
        }
        Map<IpSetMember, Integer> counts = refCounts.get(set.id());
        for (IpSetMember m : members) {
            if (counts.merge(m, 1, Integer::sum) == 1) {
                out.onMemberAdded(set.id(), m);
            }
        }
        if (old != null) {
            release(set.id(), old);
        }
    }

    private void withdraw(ResourceKey endpoint, IpSetData set) {
        Map<String, Set<IpSetMember>> sets = contributions.get(endpoint);
        Set<IpSetMember> old = sets == null ? null : sets.remove(set.id());
        if (old == null) {
            return;
        }
        if (sets.isEmpty()) {
            contributions.remove(endpoint);
        }
        release(set.id(), old);
    }

    private void release(String setId, Set<IpSetMember> members) {
        Map<IpSetMember, Integer> counts = refCounts.get(setId);
        for (IpSetMember m : members) {
            if (counts.merge(m, -1, Integer::sum) == 0) {
                counts.remove(m);
                out.onMemberRemoved(setId, m);
            }
        }
    }

    /** What an endpoint puts in a set: its addresses, or (address, protocol, port) for a named port it exports. */
    static Set<IpSetMember> members(EndpointData endpoint, IpSetData set) {
        Set<IpSetMember> out = new HashSet<>();
        if (!set.isNamedPort()) {
            for (IpAddress a : endpoint.addresses()) {
                out.add(new IpSetMember.Address(a));
            }
            return out;
        }
        for (EndpointPort p : endpoint.ports()) {
            if (p.name().equals(set.portName()) && p.protocol().number() == set.protocol().number()) {
                for (IpAddress a : endpoint.addresses()) {
                    out.add(new IpSetMember.AddressPort(a, set.protocol(), p.port()));
                }
            }
        }
        return out;
    }

    /** The label index's view: an endpoint starts or stops matching a selector, so every set using it follows. */
    private final class Matches implements LabelInheritanceIndex.MatchListener<String, ResourceKey> {
        @Override
        public void onMatchStarted(String selectorId, ResourceKey endpoint) {
            for (IpSetData set : ipSetsBySelector.getOrDefault(selectorId, List.of())) {
                contribute(endpoint, set);
            }
        }

        @Override
        public void onMatchStopped(String selectorId, ResourceKey endpoint) {
            for (IpSetData set : ipSetsBySelector.getOrDefault(selectorId, List.of())) {
                withdraw(endpoint, set);
            }
        }
    }
}
