package io.calicoj.calc;

import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * IP sets and their members as reported now; throws on anything {@link IpSetListener}'s contract
 * forbids. Keeps the event log too, for checks that nothing flapped.
 */
final class RecordingIpSets implements IpSetListener {

    final Map<String, Set<IpSetMember>> sets = new HashMap<>();
    final Map<String, IpSetType> types = new HashMap<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void onIpSetAdded(String id, IpSetType type) {
        if (sets.putIfAbsent(id, new HashSet<>()) != null) {
            throw new IllegalStateException("set added twice: " + id);
        }
        types.put(id, type);
        events.add("add-set " + id);
    }

    @Override
    public void onMemberAdded(String id, IpSetMember member) {
        if (!set(id).add(member)) {
            throw new IllegalStateException("member added twice: " + id + " " + member);
        }
        events.add("+" + member);
    }

    @Override
    public void onMemberRemoved(String id, IpSetMember member) {
        if (!set(id).remove(member)) {
            throw new IllegalStateException("absent member removed: " + id + " " + member);
        }
        events.add("-" + member);
    }

    @Override
    public void onIpSetRemoved(String id) {
        set(id);
        sets.remove(id);
        types.remove(id);
        events.add("remove-set " + id);
    }

    private Set<IpSetMember> set(String id) {
        Set<IpSetMember> s = sets.get(id);
        if (s == null) {
            throw new IllegalStateException("unknown set " + id);
        }
        return s;
    }
}
