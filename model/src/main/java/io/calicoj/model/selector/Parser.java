package io.calicoj.model.selector;

import io.calicoj.model.selector.Lexer.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive descent over {@link Lexer} tokens, building the same trees as Calico's
 * {@code parser.go}: one {@link Or} per run of {@code ||}, one {@link And} per run of
 * {@code &&}, a lone operand without a wrapper, runs of {@code !} folded to one or none.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class Parser {

    /**
     * Deepest nesting of parentheses accepted. Calico has no limit; this one keeps parsing and
     * evaluation well inside a thread's stack. Real selectors nest a few levels at most.
     */
    static final int MAX_NESTING = 256;

    private static final String OPERAND = "a label, has(<label>), all(), global(), ! or (";

    private final Lexer lexer;
    private int nesting;

    private Parser(String text) {
        this.lexer = new Lexer(text);
    }

    static Selector parse(String text) {
        if (text == null) {
            throw new NullPointerException("selector text");
        }
        return new Parser(text).root();
    }

    private Selector root() {
        lexer.next();
        if (lexer.kind() == Kind.EOF) {
            return All.INSTANCE;
        }
        Selector selector = or();
        if (lexer.kind() != Kind.EOF) {
            throw unexpected("&&, || or end of selector");
        }
        return selector;
    }

    private Selector or() {
        Selector first = and();
        if (lexer.kind() != Kind.OR) {
            return first;
        }
        List<Selector> operands = new ArrayList<>();
        operands.add(first);
        while (lexer.kind() == Kind.OR) {
            lexer.next();
            operands.add(and());
        }
        return new Or(operands);
    }

    private Selector and() {
        Selector first = operation();
        if (lexer.kind() != Kind.AND) {
            return first;
        }
        List<Selector> operands = new ArrayList<>();
        operands.add(first);
        while (lexer.kind() == Kind.AND) {
            lexer.next();
            operands.add(operation());
        }
        return new And(operands);
    }

    /** A possibly negated {@code has}, {@code all}, {@code global}, comparison or group. */
    private Selector operation() {
        boolean negated = false;
        while (lexer.kind() == Kind.NOT) {
            negated = !negated;
            lexer.next();
        }
        Selector operation;
        switch (lexer.kind()) {
            case HAS -> {
                operation = new Has(lexer.value());
                lexer.next();
            }
            case ALL -> {
                operation = All.INSTANCE;
                lexer.next();
            }
            case GLOBAL -> {
                operation = Global.INSTANCE;
                lexer.next();
            }
            case LABEL -> operation = comparison();
            case LPAREN -> operation = group();
            default -> throw unexpected(OPERAND);
        }
        return negated ? new Not(operation) : operation;
    }

    private Selector comparison() {
        String label = lexer.value();
        lexer.next();
        Kind operator = lexer.kind();
        switch (operator) {
            case EQ, NE, CONTAINS, STARTS_WITH, ENDS_WITH -> {
                lexer.next();
                if (lexer.kind() != Kind.STRING) {
                    throw unexpected("a quoted string after " + operator.operator);
                }
                String value = lexer.value();
                lexer.next();
                return comparison(operator, label, value);
            }
            case IN, NOT_IN -> {
                return set(operator, label);
            }
            default -> throw unexpected(Lexer.expectedAfterLabel(label));
        }
    }

    private static Selector comparison(Kind operator, String label, String value) {
        return switch (operator) {
            case EQ -> new Equals(label, value);
            case NE -> new NotEquals(label, value);
            case CONTAINS -> new Contains(label, value);
            case STARTS_WITH -> new StartsWith(label, value);
            default -> new EndsWith(label, value);
        };
    }

    /** {@code { [ STRING ( , STRING )* [ , ] ] }}: empty sets and one trailing comma are fine. */
    private Selector set(Kind operator, String label) {
        lexer.next();
        if (lexer.kind() != Kind.LBRACE) {
            throw unexpected("{ after " + operator.operator);
        }
        lexer.next();
        List<String> values = new ArrayList<>();
        String expected = "a quoted string or }";
        while (lexer.kind() == Kind.STRING) {
            values.add(lexer.value());
            lexer.next();
            if (lexer.kind() != Kind.COMMA) {
                expected = ", or }";
                break;
            }
            lexer.next();
        }
        if (lexer.kind() != Kind.RBRACE) {
            throw unexpected(expected);
        }
        lexer.next();
        return operator == Kind.IN ? new In(label, values) : new NotIn(label, values);
    }

    private Selector group() {
        int open = lexer.start();
        if (++nesting > MAX_NESTING) {
            throw lexer.error(open, "at most " + MAX_NESTING + " levels of nested parentheses",
                    "a deeper one");
        }
        lexer.next();
        Selector inner = or();
        if (lexer.kind() != Kind.RPAREN) {
            throw unexpected(") to close the ( at position " + open);
        }
        lexer.next();
        nesting--;
        return inner;
    }

    private SelectorParseException unexpected(String expected) {
        return lexer.error(lexer.start(), expected, lexer.describeToken());
    }
}
