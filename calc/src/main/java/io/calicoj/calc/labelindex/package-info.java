/**
 * Incremental selector matching with Calico's label inheritance:
 * {@link io.calicoj.calc.labelindex.LabelInheritanceIndex} keeps which selectors match which
 * items (endpoints) as items, their parents (profiles) and selectors change.
 */
package io.calicoj.calc.labelindex;
