package io.calicoj.calc.labelindex;

import io.calicoj.model.Labels;
import io.calicoj.model.WellKnownLabels;
import io.calicoj.model.selector.Selector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which selectors match which items, kept up to date incrementally (Felix's {@code InheritIndex}).
 * An item's labels are its own labels plus those of its parents (profiles'
 * {@code labelsToApply}): its own labels win, then its parents in the order it lists them. A
 * parent that is not known contributes nothing.
 *
 * <p>Emits {@link MatchListener#onMatchStarted} and {@link MatchListener#onMatchStopped} on
 * transitions only: a duplicate update does nothing, and for one change all starts are emitted
 * before any stop.
 *
 * <p>Neither direction scans everything. Items are filed under their (label, value) pairs;
 * a selector is filed under one {@link LabelRestriction} it implies (the most selective one,
 * e.g. {@code projectcalico.org/namespace == 'x'} of a namespaced rule). A selector is then
 * evaluated against the items filed under its restriction only, and an item against the
 * selectors filed under its own pairs plus those without any restriction.
 *
 * <p>Not thread-safe; confined to the calc thread.
 *
 * @param <S> selector ID
 * @param <I> item ID
 */
public final class LabelInheritanceIndex<S, I> {

    /** Hears which items a selector matches. */
    public interface MatchListener<S, I> {
        void onMatchStarted(S selectorId, I itemId);

        void onMatchStopped(S selectorId, I itemId);
    }

    private static final class Item {
        final Map<String, String> own;
        final List<String> parentIds;
        /** Own and inherited labels; a mutable map once {@link #relabel} has run. */
        Map<String, String> effective = Map.of();
        Labels view = Labels.NONE;

        Item(Map<String, String> own, List<String> parentIds) {
            this.own = own;
            this.parentIds = parentIds;
        }
    }

    private static final class Parent<I> {
        Map<String, String> labels = Map.of();
        boolean known;
        final Set<I> children = new HashSet<>();
    }

    private record SelectorEntry(Selector selector, LabelRestriction restriction, Set<String> reads) {
    }

    /** Up to this many selectors reading a changed label are simply all re-evaluated. */
    private static final int FEW_READERS = 32;

    private final MatchListener<S, I> listener;
    private final int fewReaders;
    private final Map<I, Item> items = new HashMap<>();
    private final Map<String, Parent<I>> parents = new HashMap<>();
    private final Map<S, SelectorEntry> selectors = new HashMap<>();
    private final Map<S, Set<I>> matchesBySelector = new HashMap<>();
    private final Map<I, Set<S>> matchesByItem = new HashMap<>();
    private final LabelValueIndex<I> itemsByLabel = new LabelValueIndex<>();
    private final SelectorFiling<S> filing = new SelectorFiling<>();

    public LabelInheritanceIndex(MatchListener<S, I> listener) {
        this(listener, FEW_READERS);
    }

    /** For tests: {@code fewReaders} picks how changed items find the selectors to re-evaluate. */
    LabelInheritanceIndex(MatchListener<S, I> listener, int fewReaders) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.fewReaders = fewReaders;
    }

    /** Adds or changes a selector; no-op if it is unchanged. */
    public void updateSelector(S id, Selector selector) {
        Objects.requireNonNull(selector, "selector");
        SelectorEntry old = selectors.get(id);
        if (old != null && old.selector().equals(selector)) {
            return;
        }
        if (old != null) {
            filing.unfile(id, old.restriction(), old.reads());
        }
        SelectorEntry entry = new SelectorEntry(selector, mostSelective(LabelRestriction.of(selector).values()),
                LabelRestriction.referencedLabels(selector));
        filing.file(id, entry.restriction(), entry.reads());
        selectors.put(id, entry);
        LabelRestriction restriction = entry.restriction();

        Set<I> now = new HashSet<>();
        for (I candidate : candidates(restriction)) {
            if (selector.matches(items.get(candidate).view)) {
                now.add(candidate);
            }
        }
        Set<I> before = matchesBySelector.getOrDefault(id, Set.of());
        apply(minus(now, before).stream().map(item -> new Pair<>(id, item)).toList(),
                minus(before, now).stream().map(item -> new Pair<>(id, item)).toList());
    }

    /** Removes a selector, stopping all its matches; no-op if unknown. */
    public void deleteSelector(S id) {
        SelectorEntry old = selectors.remove(id);
        if (old == null) {
            return;
        }
        filing.unfile(id, old.restriction(), old.reads());
        apply(List.of(), matchesBySelector.getOrDefault(id, Set.of()).stream().map(item -> new Pair<>(id, item))
                .toList());
    }

    /** Adds or changes an item: its own labels and its parents, in order; no-op if unchanged. */
    public void updateItem(I id, Map<String, String> labels, List<String> parentIds) {
        Item old = items.get(id);
        if (old != null && old.own.equals(labels) && old.parentIds.equals(parentIds)) {
            return;
        }
        Item item = new Item(Map.copyOf(labels), List.copyOf(parentIds));
        if (old != null) {
            for (String p : old.parentIds) {
                unlinkParent(p, id);
            }
        }
        for (String p : item.parentIds) {
            parents.computeIfAbsent(p, k -> new Parent<>()).children.add(id);
        }
        items.put(id, item);
        Map<String, String> before = old == null ? Map.of() : old.effective;
        relabel(id, before, item);
        if (old == null) {
            reevaluate(id, item, filing.candidates(item.effective), true);
        } else {
            Set<String> changed = changedLabels(before, item.effective);
            if (!changed.isEmpty()) {
                reevaluate(id, item, affected(id, item, changed, filing.readersOf(changed)), false);
            }
        }
    }

    /** Removes an item, stopping all its matches; no-op if unknown. */
    public void deleteItem(I id) {
        Item old = items.remove(id);
        if (old == null) {
            return;
        }
        for (String p : old.parentIds) {
            unlinkParent(p, id);
        }
        old.effective.forEach((label, value) -> itemsByLabel.remove(label, value, id));
        apply(List.of(), matchesByItem.getOrDefault(id, Set.of()).stream().map(s -> new Pair<>(s, id)).toList());
    }

    /** Sets a parent's labels, re-evaluating only its children; no-op if unchanged. */
    public void updateParent(String id, Map<String, String> labels) {
        Parent<I> parent = parents.computeIfAbsent(id, k -> new Parent<>());
        if (parent.known && parent.labels.equals(labels)) {
            return;
        }
        Map<String, String> old = parent.labels;
        parent.labels = Map.copyOf(labels);
        parent.known = true;
        refreshChildren(parent, old);
    }

    /** Forgets a parent's labels (its children keep listing it); no-op if unknown. */
    public void deleteParent(String id) {
        Parent<I> parent = parents.get(id);
        if (parent == null || !parent.known) {
            return;
        }
        Map<String, String> old = parent.labels;
        parent.known = false;
        parent.labels = Map.of();
        refreshChildren(parent, old);
        if (parent.children.isEmpty()) {
            parents.remove(id);
        }
    }

    /** The items the selector matches now (unmodifiable view). */
    public Set<I> itemsMatching(S selectorId) {
        return Collections.unmodifiableSet(matchesBySelector.getOrDefault(selectorId, Set.of()));
    }

    /** The selectors that match the item now (unmodifiable view). */
    public Set<S> selectorsMatching(I itemId) {
        return Collections.unmodifiableSet(matchesByItem.getOrDefault(itemId, Set.of()));
    }

    /** The labels selectors see for an item (own, then inherited), empty if unknown. */
    public Map<String, String> labelsOf(I itemId) {
        Item item = items.get(itemId);
        return item == null ? Map.of() : Collections.unmodifiableMap(item.effective);
    }

    /**
     * Updates a parent's children for the labels the parent changed (only those, and only where
     * neither the child nor an earlier parent shadows them); only selectors reading such a label
     * can change their matches.
     */
    private void refreshChildren(Parent<I> parent, Map<String, String> oldLabels) {
        Set<String> parentChanged = changedLabels(oldLabels, parent.labels);
        if (parentChanged.isEmpty()) {
            return;
        }
        Set<S> readers = filing.readersOf(parentChanged);
        for (I child : new ArrayList<>(parent.children)) {
            Item item = items.get(child);
            Set<String> changed = new HashSet<>();
            for (String label : parentChanged) {
                String before = item.effective.get(label);
                String after = inheritedValue(item, label);
                if (Objects.equals(before, after)) {
                    continue;
                }
                changed.add(label);
                if (before != null) {
                    itemsByLabel.remove(label, before, child);
                }
                if (after != null) {
                    item.effective.put(label, after);
                    itemsByLabel.add(label, after, child);
                } else {
                    item.effective.remove(label);
                }
            }
            if (!changed.isEmpty()) {
                reevaluate(child, item, affected(child, item, changed, readers), false);
            }
        }
    }

    /** The item's value for one label: its own, else its first parent's that has it. */
    private String inheritedValue(Item item, String label) {
        String value = item.own.get(label);
        for (int i = 0; value == null && i < item.parentIds.size(); i++) {
            Parent<I> parent = parents.get(item.parentIds.get(i));
            value = parent == null ? null : parent.labels.get(label);
        }
        return value;
    }

    /**
     * The selectors whose result for the item may have changed: those reading a changed label.
     * When there are many such readers (say every policy reading {@code app}), filters the few
     * selectors the item could match now or matched before instead.
     */
    private Collection<S> affected(I id, Item item, Set<String> changed, Set<S> readers) {
        if (readers.size() <= fewReaders) {
            return readers;
        }
        Set<S> out = filing.candidates(item.effective);
        out.addAll(matchesByItem.getOrDefault(id, Set.of()));
        out.removeIf(s -> Collections.disjoint(selectors.get(s).reads(), changed));
        return out;
    }

    private void unlinkParent(String parentId, I child) {
        Parent<I> parent = parents.get(parentId);
        if (parent == null) {
            return;
        }
        parent.children.remove(child);
        if (!parent.known && parent.children.isEmpty()) {
            parents.remove(parentId);
        }
    }

    /** Recomputes the item's inherited labels and refiles it under the pairs that changed. */
    private void relabel(I id, Map<String, String> before, Item item) {
        Map<String, String> effective = new HashMap<>();
        for (int i = item.parentIds.size() - 1; i >= 0; i--) {
            Parent<I> parent = parents.get(item.parentIds.get(i));
            if (parent != null) {
                effective.putAll(parent.labels);
            }
        }
        effective.putAll(item.own);
        before.forEach((label, value) -> {
            if (!value.equals(effective.get(label))) {
                itemsByLabel.remove(label, value, id);
            }
        });
        effective.forEach((label, value) -> {
            if (!value.equals(before.get(label))) {
                itemsByLabel.add(label, value, id);
            }
        });
        item.effective = effective;
        item.view = effective::get;
    }

    /**
     * Re-evaluates the item against {@code candidates}: with {@code complete}, they are every
     * selector it could match (others stop matching); otherwise the only ones whose result may
     * have changed (others keep theirs).
     */
    private void reevaluate(I id, Item item, Collection<S> candidates, boolean complete) {
        Set<S> before = matchesByItem.getOrDefault(id, Set.of());
        Set<S> now = new HashSet<>();
        List<S> notNow = new ArrayList<>();
        for (S candidate : candidates) {
            if (selectors.get(candidate).selector().matches(item.view)) {
                now.add(candidate);
            } else {
                notNow.add(candidate);
            }
        }
        List<S> stopped = complete ? minus(before, now) : notNow.stream().filter(before::contains).toList();
        apply(minus(now, before).stream().map(s -> new Pair<>(s, id)).toList(),
                stopped.stream().map(s -> new Pair<>(s, id)).toList());
    }

    /** A (selector, item) match. */
    private record Pair<S, I>(S selector, I item) {
    }

    /** Records the matches that started and stopped, then reports all starts before any stop. */
    private void apply(List<Pair<S, I>> started, List<Pair<S, I>> stopped) {
        started.forEach(p -> addMatch(p.selector(), p.item()));
        stopped.forEach(p -> removeMatch(p.selector(), p.item()));
        started.forEach(p -> listener.onMatchStarted(p.selector(), p.item()));
        stopped.forEach(p -> listener.onMatchStopped(p.selector(), p.item()));
    }

    /** The elements of {@code a} not in {@code b}. */
    private static <T> List<T> minus(Collection<T> a, Set<T> b) {
        List<T> out = new ArrayList<>();
        for (T t : a) {
            if (!b.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The labels whose value differs (or that exist on one side only). */
    private static Set<String> changedLabels(Map<String, String> before, Map<String, String> after) {
        Set<String> changed = new HashSet<>();
        before.forEach((label, value) -> {
            if (!value.equals(after.get(label))) {
                changed.add(label);
            }
        });
        after.forEach((label, value) -> {
            if (!before.containsKey(label)) {
                changed.add(label);
            }
        });
        return changed;
    }

    private void addMatch(S selector, I item) {
        matchesBySelector.computeIfAbsent(selector, k -> new HashSet<>()).add(item);
        matchesByItem.computeIfAbsent(item, k -> new HashSet<>()).add(selector);
    }

    private void removeMatch(S selector, I item) {
        Set<I> its = matchesBySelector.get(selector);
        its.remove(item);
        if (its.isEmpty()) {
            matchesBySelector.remove(selector);
        }
        Set<S> sels = matchesByItem.get(item);
        sels.remove(selector);
        if (sels.isEmpty()) {
            matchesByItem.remove(item);
        }
    }

    /** The items a selector with this restriction could match. */
    private Collection<I> candidates(LabelRestriction restriction) {
        if (restriction == null) {
            return items.keySet();
        }
        Set<I> out = new HashSet<>();
        if (restriction.anyValue()) {
            itemsByLabel.forEachWithLabel(restriction.label(), out::add);
        } else {
            for (String value : restriction.values()) {
                out.addAll(itemsByLabel.get(restriction.label(), value));
            }
        }
        return out;
    }

    /**
     * The restriction with the fewest items behind it now; on a tie (no items yet) a value
     * restriction beats a presence test, the namespace label beats other labels and the
     * orchestrator label (on every pod) comes last. {@code null} when there is none.
     */
    private LabelRestriction mostSelective(Collection<LabelRestriction> restrictions) {
        LabelRestriction best = null;
        long bestCount = Long.MAX_VALUE;
        int bestRank = Integer.MAX_VALUE;
        for (LabelRestriction r : restrictions) {
            long count = estimate(r);
            int rank = rank(r);
            if (count < bestCount || count == bestCount && (rank < bestRank
                    || rank == bestRank && r.label().compareTo(best.label()) < 0)) {
                best = r;
                bestCount = count;
                bestRank = rank;
            }
        }
        return best;
    }

    private long estimate(LabelRestriction r) {
        if (r.anyValue()) {
            return itemsByLabel.count(r.label());
        }
        long n = 0;
        for (String value : r.values()) {
            n += itemsByLabel.count(r.label(), value);
        }
        return n;
    }

    private static int rank(LabelRestriction r) {
        if (r.anyValue()) {
            return 3;
        }
        if (r.label().equals(WellKnownLabels.NAMESPACE)) {
            return 0;
        }
        return r.label().equals(WellKnownLabels.ORCHESTRATOR) ? 2 : 1;
    }
}
