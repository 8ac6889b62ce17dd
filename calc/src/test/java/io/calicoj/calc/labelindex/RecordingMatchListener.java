package io.calicoj.calc.labelindex;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the current matches from start/stop events and throws on a start of a present
 * match or a stop of an absent one. Also keeps the event log, for order checks.
 */
final class RecordingMatchListener<S, I> implements LabelInheritanceIndex.MatchListener<S, I> {

    private final Set<Map.Entry<S, I>> matches = new HashSet<>();
    final List<String> events = new ArrayList<>();

    @Override
    public void onMatchStarted(S selectorId, I itemId) {
        if (!matches.add(Map.entry(selectorId, itemId))) {
            throw new IllegalStateException("match started twice: " + selectorId + " " + itemId);
        }
        events.add("+" + selectorId + "/" + itemId);
    }

    @Override
    public void onMatchStopped(S selectorId, I itemId) {
        if (!matches.remove(Map.entry(selectorId, itemId))) {
            throw new IllegalStateException("absent match stopped: " + selectorId + " " + itemId);
        }
        events.add("-" + selectorId + "/" + itemId);
    }

    Set<Map.Entry<S, I>> matches() {
        return Set.copyOf(matches);
    }
}
