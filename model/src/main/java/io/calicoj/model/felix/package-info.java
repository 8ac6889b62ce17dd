/**
 * Calico v3 resources as Felix's calculation graph sees them, after the transformation Calico's
 * syncer update processors apply: a namespaced policy's selector gains its namespace, rule
 * selectors are scoped to the policy's namespace or to a {@code pcns.}-prefixed namespace
 * selector, and policies get the names they are sorted by. The policy evaluator and the
 * calculation graph both start from here, so they agree on what every rule means.
 */
package io.calicoj.model.felix;
