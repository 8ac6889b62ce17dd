package io.calicoj.cni.plugin;

import io.calicoj.exec.Command;
import io.calicoj.exec.CommandResult;
import io.calicoj.exec.CommandRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Records every command and answers with a scripted result (exit 0 and no output by default). */
final class RecordingCommandRunner implements CommandRunner {

    final List<Command> commands = new ArrayList<>();
    private Function<Command, CommandResult> answer = c -> new CommandResult(c, 0, "", "");

    RecordingCommandRunner answering(Function<Command, CommandResult> answer) {
        this.answer = answer;
        return this;
    }

    @Override
    public CommandResult run(Command command) {
        commands.add(command);
        return answer.apply(command);
    }
}
