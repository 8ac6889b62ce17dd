package io.calicoj.model.selector;

/**
 * Splits selector text into tokens, one at a time, following Calico's v3 tokenizer: whitespace
 * is space and tab only; operators made of words ({@code in}, {@code not in}, {@code contains},
 * {@code starts with}, {@code ends with}) are recognised only right after a label, so anywhere
 * else those words are labels. Characters no token can start with become an {@link Kind#INVALID}
 * token for the parser to reject with what it expected there.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class Lexer {

    enum Kind {
        LABEL, STRING, LBRACE, RBRACE, COMMA, EQ("=="), NE("!="), IN("in"), NOT_IN("not in"),
        CONTAINS("contains"), STARTS_WITH("starts with"), ENDS_WITH("ends with"), NOT, HAS, ALL,
        GLOBAL, LPAREN, RPAREN, AND, OR, EOF, INVALID;

        /** How an operator is written in the canonical form; {@code null} for other kinds. */
        final String operator;

        Kind() {
            this(null);
        }

        Kind(String operator) {
            this.operator = operator;
        }
    }

    private static final String OPERATORS =
            "==, !=, in, not in, contains, starts with or ends with";

    private static final int MAX_SHOWN_LABEL = 64;

    private final String text;
    /** The end of the current token: where reading the next one starts. */
    private int pos;
    private Kind kind;
    private int start;
    private String value;

    Lexer(String text) {
        this.text = text;
    }

    /** The current token's kind; {@code null} before the first {@link #next()}. */
    Kind kind() {
        return kind;
    }

    /** Where the current token starts. */
    int start() {
        return start;
    }

    /** The label name of a {@code LABEL} or {@code HAS} token, the content of a {@code STRING}. */
    String value() {
        return value;
    }

    /** Reads the next token. */
    void next() {
        Kind previous = kind;
        String previousValue = value;
        value = null;
        pos = skipWhitespace(pos);
        start = pos;
        if (pos == text.length()) {
            accept(Kind.EOF, pos);
            return;
        }
        char c = text.charAt(pos);
        switch (c) {
            case '(' -> accept(Kind.LPAREN, pos + 1);
            case ')' -> accept(Kind.RPAREN, pos + 1);
            case '{' -> accept(Kind.LBRACE, pos + 1);
            case '}' -> accept(Kind.RBRACE, pos + 1);
            case ',' -> accept(Kind.COMMA, pos + 1);
            case '"', '\'' -> string(c);
            case '=' -> doubled('=', Kind.EQ);
            case '&' -> doubled('&', Kind.AND);
            case '|' -> doubled('|', Kind.OR);
            case '!' -> {
                if (text.startsWith("!=", pos)) {
                    accept(Kind.NE, pos + 2);
                } else {
                    accept(Kind.NOT, pos + 1);
                }
            }
            default -> {
                if (previous == Kind.LABEL) {
                    operatorAfterLabel(previousValue);
                } else {
                    word();
                }
            }
        }
    }

    /** A description of the current token for error messages. */
    String describeToken() {
        return switch (kind) {
            case EOF -> "end of selector";
            case LABEL -> "label " + shortened(value);
            case STRING -> "string " + SelectorParseException.printable(text.substring(start, pos));
            default -> "'" + SelectorParseException.printable(text.substring(start, pos)) + "'";
        };
    }

    /** What is at {@code at}: a run of label characters, one character, or the end. */
    String describeAt(int at) {
        if (at >= text.length()) {
            return "end of selector";
        }
        int labelEnd = Syntax.labelEnd(text, at);
        if (labelEnd > at) {
            return shortened(text.substring(at, labelEnd));
        }
        int charEnd = at + Character.charCount(text.codePointAt(at));
        return "'" + SelectorParseException.printable(text.substring(at, charEnd)) + "'";
    }

    /** What may follow the label {@code label}. */
    static String expectedAfterLabel(String label) {
        return OPERATORS + " after label " + shortened(label);
    }

    SelectorParseException error(int at, String expected, String found) {
        return new SelectorParseException(text, at, expected, found);
    }

    private void accept(Kind newKind, int end) {
        kind = newKind;
        pos = end;
    }

    private void string(char quote) {
        int close = text.indexOf(quote, pos + 1);
        if (close < 0) {
            throw error(pos, "a closing " + quote + " to end the string", "end of selector");
        }
        value = text.substring(pos + 1, close);
        accept(Kind.STRING, close + 1);
    }

    private void doubled(char c, Kind doubledKind) {
        if (pos + 1 < text.length() && text.charAt(pos + 1) == c) {
            accept(doubledKind, pos + 2);
        } else {
            throw error(pos, "" + c + c, "a single " + c);
        }
    }

    /** Right after a label only an operator may come (punctuation was handled already). */
    private void operatorAfterLabel(String label) {
        int after;
        if ((after = words(pos, "contains")) >= 0) {
            accept(Kind.CONTAINS, after);
        } else if ((after = words(pos, "starts", "with")) >= 0) {
            accept(Kind.STARTS_WITH, after);
        } else if ((after = words(pos, "ends", "with")) >= 0) {
            accept(Kind.ENDS_WITH, after);
        } else if ((after = words(pos, "not", "in")) >= 0) {
            accept(Kind.NOT_IN, after);
        } else if ((after = words(pos, "in")) >= 0) {
            accept(Kind.IN, after);
        } else {
            throw error(pos, expectedAfterLabel(label), describeAt(pos));
        }
    }

    /**
     * If the words start at {@code at}, separated by any whitespace (also none: {@code notin},
     * {@code startswith}), and end at a word boundary, the index after the last word;
     * otherwise -1. As in Calico, the boundary of a one-word operator is checked right after
     * it, that of a two-word operator after any whitespace that follows it; either way only
     * what the parser then reports differs.
     */
    private int words(int at, String... words) {
        int wordEnd = at;
        for (String word : words) {
            int wordStart = skipWhitespace(wordEnd);
            if (!text.startsWith(word, wordStart)) {
                return -1;
            }
            wordEnd = wordStart + word.length();
        }
        int boundary = words.length == 1 ? wordEnd : skipWhitespace(wordEnd);
        return boundary < text.length() && Syntax.isLabelChar(text.charAt(boundary)) ? -1 : wordEnd;
    }

    private void word() {
        if (text.startsWith("has(", pos)) {
            has();
        } else if (text.startsWith("all(", pos)) {
            emptyCall(Kind.ALL, "all(");
        } else if (text.startsWith("global(", pos)) {
            emptyCall(Kind.GLOBAL, "global(");
        } else {
            int labelEnd = Syntax.labelEnd(text, pos);
            if (labelEnd == pos) {
                accept(Kind.INVALID, pos + Character.charCount(text.codePointAt(pos)));
            } else {
                value = label(pos, labelEnd);
                accept(Kind.LABEL, labelEnd);
            }
        }
    }

    private void has() {
        int labelStart = skipWhitespace(pos + "has(".length());
        int labelEnd = Syntax.labelEnd(text, labelStart);
        if (labelEnd == labelStart) {
            throw error(labelStart, "a label name after has(", describeAt(labelStart));
        }
        String label = label(labelStart, labelEnd);
        int close = skipWhitespace(labelEnd);
        if (close == text.length() || text.charAt(close) != ')') {
            throw error(close, ") to close has(", describeAt(close));
        }
        value = label;
        accept(Kind.HAS, close + 1);
    }

    private void emptyCall(Kind callKind, String opening) {
        int close = skipWhitespace(pos + opening.length());
        if (close == text.length() || text.charAt(close) != ')') {
            throw error(close, ") after " + opening, describeAt(close));
        }
        accept(callKind, close + 1);
    }

    private String label(int from, int to) {
        if (to - from > Syntax.MAX_LABEL_LENGTH) {
            throw error(from, "a label of at most " + Syntax.MAX_LABEL_LENGTH + " characters",
                    "a label of " + (to - from) + " characters");
        }
        return text.substring(from, to);
    }

    private int skipWhitespace(int from) {
        int i = from;
        while (i < text.length() && Syntax.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String shortened(String label) {
        return label.length() <= MAX_SHOWN_LABEL
                ? "'" + label + "'"
                : "'" + label.substring(0, MAX_SHOWN_LABEL) + "...'";
    }
}
