package io.calicoj.calc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The IP sets reported active now; throws on a double activation or deactivation. */
final class RecordingIpSetActivations implements IpSetActivationListener {

    final Map<String, IpSetData> active = new HashMap<>();
    final List<String> events;

    RecordingIpSetActivations(List<String> sharedLog) {
        this.events = sharedLog;
    }

    RecordingIpSetActivations() {
        this(new ArrayList<>());
    }

    @Override
    public void onIpSetActive(IpSetData ipSet) {
        if (active.putIfAbsent(ipSet.id(), ipSet) != null) {
            throw new IllegalStateException("set activated twice: " + ipSet.id());
        }
        events.add("set " + ipSet.id());
    }

    @Override
    public void onIpSetInactive(IpSetData ipSet) {
        if (active.remove(ipSet.id()) == null) {
            throw new IllegalStateException("inactive set deactivated: " + ipSet.id());
        }
        events.add("-set " + ipSet.id());
    }
}
