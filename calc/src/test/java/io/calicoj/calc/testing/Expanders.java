package io.calicoj.calc.testing;

import io.calicoj.datastore.Update;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * Felix's scenario expanders: each turns one sequence of states into sequences that must reach
 * the same final dataplane state, checking order independence, teardown and re-creation, and
 * one-step versus incremental equivalence.
 */
public final class Expanders {

    /** A named way of expanding a sequence into zero or more sequences. */
    public record Expander(String name, Function<List<State>, List<List<State>>> expand) {
    }

    private Expanders() {
    }

    public static List<Expander> all() {
        return List.of(
                new Expander("as written", List::of),
                new Expander("updates reversed within each state", Expanders::reverseUpdates),
                new Expander("states reversed", Expanders::reverseStates),
                new Expander("empty state between states", Expanders::insertEmpties),
                new Expander("each state alone", Expanders::splitStates),
                new Expander("all states squashed into one", Expanders::squashStates));
    }

    static List<List<State>> reverseUpdates(List<State> states) {
        List<State> out = new ArrayList<>();
        for (State s : states) {
            List<Update> reversed = new ArrayList<>(s.updates());
            Collections.reverse(reversed);
            out.add(s.withUpdates(reversed));
        }
        return List.of(out);
    }

    static List<List<State>> reverseStates(List<State> states) {
        List<State> out = new ArrayList<>(states);
        Collections.reverse(out);
        return List.of(out);
    }

    static List<List<State>> insertEmpties(List<State> states) {
        List<State> out = new ArrayList<>();
        for (State s : states) {
            out.add(s);
            out.add(State.EMPTY);
        }
        return List.of(out);
    }

    static List<List<State>> splitStates(List<State> states) {
        if (states.size() <= 1) {
            return List.of();
        }
        return states.stream().map(List::of).toList();
    }

    /** One state whose updates are every delta of the whole sequence (deletions included), expecting the last state. */
    static List<List<State>> squashStates(List<State> states) {
        if (states.isEmpty()) {
            return List.of();
        }
        List<Update> all = new ArrayList<>();
        State last = State.EMPTY;
        for (State s : states) {
            all.addAll(s.deltasFrom(last));
            last = s;
        }
        return List.of(List.of(last.withUpdates(all).withName("squashed(" + states + ")")));
    }
}
