package io.calicoj.calc;

import io.calicoj.calc.Scenarios.Scenario;
import io.calicoj.calc.testing.Expanders;
import io.calicoj.calc.testing.FlushStrategy;
import io.calicoj.calc.testing.State;
import io.calicoj.calc.testing.StateSequenceRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The whole graph, driven through every scenario of {@link Scenarios} as written and as each
 * {@link Expanders expander} rewrites it (updates reversed, states reversed, empties between,
 * states alone, all squashed into one), under each {@link FlushStrategy}, into a
 * {@link io.calicoj.calc.testing.FakeDataplane} that throws on any protocol violation. After
 * each state the dataplane must hold exactly the expected IP sets, policies, profiles and
 * endpoint tiers; at the end everything is deleted and it must be empty.
 */
class CalculationGraphScenarioTest {

    @TestFactory
    Stream<DynamicNode> everyScenarioReachesItsExpectedStatesWhateverTheOrderAndFlushing() {
        return Scenarios.all().stream().map(scenario -> DynamicContainer.dynamicContainer(scenario.name(),
                Expanders.all().stream().flatMap(expander -> expansions(scenario, expander))));
    }

    private static Stream<DynamicNode> expansions(Scenario scenario, Expanders.Expander expander) {
        List<List<State>> sequences = expander.expand().apply(scenario.states());
        List<DynamicNode> out = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            List<State> states = sequences.get(i);
            String name = expander.name() + (sequences.size() > 1 ? " #" + (i + 1) : "");
            out.add(DynamicContainer.dynamicContainer(name, Stream.of(FlushStrategy.values()).map(strategy ->
                    DynamicTest.dynamicTest("flushing " + strategy.name().toLowerCase().replace('_', ' '),
                            () -> new StateSequenceRunner(Scenarios.LOCAL, strategy).run(states)))));
        }
        return out.stream();
    }
}
