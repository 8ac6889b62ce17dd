package io.calicoj.dataplane.iptables;

import java.util.Objects;
import java.util.Optional;

/** What a rule does when it matches, rendered as Felix writes it ({@code --jump ACCEPT}, {@code --goto x} …). */
public sealed interface Action {

    /** The action's part of a rule line; empty for {@link NoAction}. */
    String fragment();

    /** The chain this action jumps or goes to, if any: such chains are programmed while referenced. */
    default Optional<String> referencedChain() {
        return Optional.empty();
    }

    /** Whether the action is a plain {@code RETURN} (trailing ones are dropped from policy chains). */
    default boolean isReturn() {
        return false;
    }

    Action ACCEPT = new Verdict("ACCEPT");
    Action DROP = new Verdict("DROP");
    Action RETURN = new Verdict("RETURN");
    Action NOTRACK = new Verdict("NOTRACK");
    Action NONE = new NoAction();

    static Action jump(String chain) {
        return new Jump(chain);
    }

    static Action goTo(String chain) {
        return new Goto(chain);
    }

    /** Sets the given bits: {@code --jump MARK --set-mark m/m}. */
    static Action setMark(long mark) {
        return new SetMaskedMark(mark, mark);
    }

    /** Clears the given bits: {@code --jump MARK --set-mark 0/m}. */
    static Action clearMark(long mark) {
        return new SetMaskedMark(0, mark);
    }

    static Action setMaskedMark(long mark, long mask) {
        return new SetMaskedMark(mark, mask);
    }

    static Action log(String prefix) {
        return new Log(prefix);
    }

    /** A built-in target without options. */
    record Verdict(String target) implements Action {
        public Verdict {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String fragment() {
            return "--jump " + target;
        }

        @Override
        public boolean isReturn() {
            return target.equals("RETURN");
        }
    }

    record Jump(String target) implements Action {
        public Jump {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String fragment() {
            return "--jump " + target;
        }

        @Override
        public Optional<String> referencedChain() {
            return Optional.of(target);
        }
    }

    record Goto(String target) implements Action {
        public Goto {
            Objects.requireNonNull(target, "target");
        }

        @Override
        public String fragment() {
            return "--goto " + target;
        }

        @Override
        public Optional<String> referencedChain() {
            return Optional.of(target);
        }
    }

    record SetMaskedMark(long mark, long mask) implements Action {
        public SetMaskedMark {
            if (mask == 0 || (mark & mask) != mark) {
                throw new IllegalArgumentException("mark " + Match.hex(mark) + " must lie inside non-zero mask " + Match.hex(mask));
            }
        }

        @Override
        public String fragment() {
            return "--jump MARK --set-mark " + Match.hex(mark) + "/" + Match.hex(mask);
        }
    }

    /** Logs with Felix's level 5 and the prefix followed by ": ". */
    record Log(String prefix) implements Action {
        public Log {
            Objects.requireNonNull(prefix, "prefix");
        }

        @Override
        public String fragment() {
            return "--jump LOG --log-prefix \"" + prefix + ": \" --log-level 5";
        }
    }

    /** No target: the rule only counts (Felix writes such a rule to carry a chain's comment). */
    record NoAction() implements Action {
        @Override
        public String fragment() {
            return "";
        }
    }
}
