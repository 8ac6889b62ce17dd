package io.calicoj.calc;

import io.calicoj.dataplane.api.DataplaneUpdate;
import io.calicoj.dataplane.api.IpSetDeltaUpdate;
import io.calicoj.dataplane.api.IpSetMember;
import io.calicoj.dataplane.api.IpSetRemove;
import io.calicoj.dataplane.api.IpSetType;
import io.calicoj.dataplane.api.IpSetUpdate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Pending IP set changes, coalesced: a set not yet sent (or re-created) goes out whole as an
 * {@link IpSetUpdate}; a sent set gets one {@link IpSetDeltaUpdate} in which an add and a remove
 * of the same member cancel out; a removal cancels pending changes. Throws
 * {@link IllegalStateException} when its input breaks {@link IpSetListener}'s contract.
 *
 * <p>Not thread-safe; confined to the calc thread.
 */
final class IpSetBuffer implements IpSetListener {

    private record Full(IpSetType type, Set<IpSetMember> members) {
    }

    private final Set<String> sent = new HashSet<>();
    private final Map<String, Full> pendingFull = new LinkedHashMap<>();
    private final Map<String, Set<IpSetMember>> pendingAdds = new LinkedHashMap<>();
    private final Map<String, Set<IpSetMember>> pendingRemoves = new LinkedHashMap<>();
    private final Set<String> pendingRemovals = new LinkedHashSet<>();

    @Override
    public void onIpSetAdded(String id, IpSetType type) {
        if (pendingFull.containsKey(id) || sent.contains(id) && !pendingRemovals.contains(id)) {
            throw new IllegalStateException("IP set " + id + " added twice");
        }
        pendingRemovals.remove(id);
        pendingAdds.remove(id);
        pendingRemoves.remove(id);
        pendingFull.put(id, new Full(type, new HashSet<>()));
    }

    @Override
    public void onMemberAdded(String id, IpSetMember member) {
        change(id, member, pendingAdds, pendingRemoves, true);
    }

    @Override
    public void onMemberRemoved(String id, IpSetMember member) {
        change(id, member, pendingRemoves, pendingAdds, false);
    }

    @Override
    public void onIpSetRemoved(String id) {
        if (pendingFull.remove(id) == null && (!sent.contains(id) || pendingRemovals.contains(id))) {
            throw new IllegalStateException("IP set " + id + " removed but not present");
        }
        pendingAdds.remove(id);
        pendingRemoves.remove(id);
        if (sent.contains(id)) {
            pendingRemovals.add(id);
        }
    }

    boolean isEmpty() {
        return pendingFull.isEmpty() && pendingAdds.isEmpty() && pendingRemoves.isEmpty() && pendingRemovals.isEmpty();
    }

    /** New and re-created sets in full, then deltas to the others. */
    void flushUpdates(Consumer<DataplaneUpdate> send) {
        pendingFull.forEach((id, full) -> {
            sent.add(id);
            send.accept(new IpSetUpdate(id, full.type(), full.members()));
        });
        pendingFull.clear();
        Set<String> changed = new LinkedHashSet<>(pendingAdds.keySet());
        changed.addAll(pendingRemoves.keySet());
        for (String id : changed) {
            send.accept(new IpSetDeltaUpdate(id, pendingAdds.getOrDefault(id, Set.of()),
                    pendingRemoves.getOrDefault(id, Set.of())));
        }
        pendingAdds.clear();
        pendingRemoves.clear();
    }

    void flushRemovals(Consumer<DataplaneUpdate> send) {
        for (String id : pendingRemovals) {
            sent.remove(id);
            send.accept(new IpSetRemove(id));
        }
        pendingRemovals.clear();
    }

    /** Records one member change; {@code same}/{@code opposite} are the pending delta maps for it and its inverse. */
    private void change(String id, IpSetMember member, Map<String, Set<IpSetMember>> same,
                        Map<String, Set<IpSetMember>> opposite, boolean add) {
        Full full = pendingFull.get(id);
        if (full != null) {
            if (add ? !full.members().add(member) : !full.members().remove(member)) {
                throw new IllegalStateException((add ? "member already in " : "member not in ") + id + ": " + member);
            }
            return;
        }
        if (!sent.contains(id) || pendingRemovals.contains(id)) {
            throw new IllegalStateException("member change for unknown IP set " + id + ": " + member);
        }
        Set<IpSetMember> inverse = opposite.get(id);
        if (inverse != null && inverse.remove(member)) {
            if (inverse.isEmpty()) {
                opposite.remove(id);
            }
            return;
        }
        if (!same.computeIfAbsent(id, k -> new HashSet<>()).add(member)) {
            throw new IllegalStateException((add ? "member added twice to " : "member removed twice from ") + id
                    + ": " + member);
        }
    }
}
