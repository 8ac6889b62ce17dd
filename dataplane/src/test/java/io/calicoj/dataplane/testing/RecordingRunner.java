package io.calicoj.dataplane.testing;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandFailedException;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;

/** Passes commands to another runner and records them with their results. */
public final class RecordingRunner implements CommandRunner {

    private final CommandRunner delegate;
    private final List<Command> commands = new ArrayList<>();
    private final List<CommandResult> results = new ArrayList<>();

    public RecordingRunner(CommandRunner delegate) {
        this.delegate = delegate;
    }

    @Override
    public CommandResult run(Command command) throws CommandFailedException {
        commands.add(command);
        CommandResult r = delegate.run(command);
        results.add(r);
        return r;
    }

    public List<CommandResult> results() {
        return List.copyOf(results);
    }

    /** The commands as they were given (before a delegate such as {@code ip netns exec} changed them). */
    public List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The stdin of every command whose program ends with {@code suffix} (e.g. {@code -restore}), in order. */
    public List<String> inputsOf(String suffix) {
        return commands.stream().filter(c -> c.program().endsWith(suffix)).map(Command::stdin).toList();
    }

    public void clear() {
        commands.clear();
        results.clear();
    }
}
