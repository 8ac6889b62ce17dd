/**
 * Felix's calculation graph: {@link io.calicoj.calc.CalculationGraph} turns the datastore's
 * stream of Calico v3 resources into the {@link io.calicoj.dataplane.api.DataplaneUpdate}
 * messages this node's dataplane needs, incrementally. Each stage is a small final class with
 * its listeners passed to its constructor; {@link io.calicoj.calc.CalculationGraph#create} wires
 * them and documents the topology. Everything here runs on one thread (the calc thread).
 */
package io.calicoj.calc;
