package io.calicoj.model.selector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Writes a selector tree as text that Calico would parse back to the same tree, choosing at
 * random among the spellings the grammar allows: whitespace (space, tab or none where tokens
 * need no separation), quote characters, {@code notin} / {@code starts  with}, redundant
 * parentheses and pairs of {@code !}, unsorted and repeated set values, a trailing comma.
 */
final class RandomSelectorWriter {

    private final Random random;
    private final StringBuilder out = new StringBuilder();

    private RandomSelectorWriter(Random random) {
        this.random = random;
    }

    static String write(Selector selector, Random random) {
        RandomSelectorWriter writer = new RandomSelectorWriter(random);
        writer.space();
        writer.selector(selector);
        writer.space();
        return writer.out.toString();
    }

    private void selector(Selector selector) {
        if (random.nextInt(5) == 0) {
            out.append("!!");
            space();
        }
        if (random.nextInt(6) == 0) {
            out.append('(');
            space();
            plain(selector);
            space();
            out.append(')');
        } else {
            plain(selector);
        }
    }

    private void plain(Selector selector) {
        if (selector instanceof All) {
            call("all");
        } else if (selector instanceof Global) {
            call("global");
        } else if (selector instanceof Has has) {
            out.append("has(");
            space();
            out.append(has.label());
            space();
            out.append(')');
        } else if (selector instanceof ValueComparison comparison) {
            comparison(comparison);
        } else if (selector instanceof SetMembership set) {
            set(set);
        } else if (selector instanceof Not not) {
            out.append(random.nextBoolean() ? "!" : "!!!");
            space();
            selector(not.operand());
        } else if (selector instanceof Junction junction) {
            String operator = junction instanceof And ? "&&" : "||";
            out.append('(');
            for (int i = 0; i < junction.operands().size(); i++) {
                if (i > 0) {
                    space();
                    out.append(operator);
                }
                space();
                selector(junction.operands().get(i));
            }
            space();
            out.append(')');
        } else {
            throw new IllegalArgumentException("unknown node " + selector);
        }
    }

    private void call(String name) {
        out.append(name).append('(');
        space();
        out.append(')');
    }

    private void comparison(ValueComparison comparison) {
        out.append(comparison.label());
        if (comparison instanceof Equals) {
            space();
            out.append("==");
        } else if (comparison instanceof NotEquals) {
            space();
            out.append("!=");
        } else if (comparison instanceof Contains) {
            requiredSpace();
            out.append("contains");
        } else if (comparison instanceof StartsWith) {
            requiredSpace();
            twoWords("starts", "with");
        } else {
            requiredSpace();
            twoWords("ends", "with");
        }
        space();
        string(comparison.value());
    }

    private void set(SetMembership set) {
        out.append(set.label());
        requiredSpace();
        if (set instanceof In) {
            out.append("in");
        } else {
            twoWords("not", "in");
        }
        space();
        out.append('{');
        List<String> values = new ArrayList<>(set.values());
        if (!values.isEmpty() && random.nextBoolean()) {
            values.add(values.get(random.nextInt(values.size())));
        }
        Collections.shuffle(values, random);
        for (int i = 0; i < values.size(); i++) {
            space();
            string(values.get(i));
            space();
            if (i < values.size() - 1 || random.nextInt(4) == 0) {
                out.append(',');
            }
        }
        space();
        out.append('}');
    }

    private void twoWords(String first, String second) {
        out.append(first);
        space();
        out.append(second);
    }

    private void string(String value) {
        char quote;
        if (value.indexOf('"') >= 0) {
            quote = '\'';
        } else if (value.indexOf('\'') >= 0) {
            quote = '"';
        } else {
            quote = random.nextBoolean() ? '\'' : '"';
        }
        out.append(quote).append(value).append(quote);
    }

    /** None, or one or two spaces or tabs. */
    private void space() {
        int n = random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.append(random.nextBoolean() ? ' ' : '\t');
        }
    }

    /** At least one space or tab: a label and a word operator must not run together. */
    private void requiredSpace() {
        out.append(random.nextBoolean() ? ' ' : '\t');
        space();
    }
}
