package io.calicoj.model.selector;

/**
 * Selector text that does not parse. Says where (a 0-based character index into the text),
 * what the grammar expected there and what it found instead.
 */
public final class SelectorParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String selector;
    private final int position;
    private final String expected;
    private final String found;

    SelectorParseException(String selector, int position, String expected, String found) {
        super("invalid selector \"" + printable(selector) + "\" at position " + position
                + ": expected " + expected + ", found " + found);
        this.selector = selector;
        this.position = position;
        this.expected = expected;
        this.found = found;
    }

    /** The text that failed to parse. */
    public String selector() {
        return selector;
    }

    /** 0-based index into {@link #selector()} of the problem; its length for a premature end. */
    public int position() {
        return position;
    }

    /** What the grammar allows at {@link #position()}, for example {@code ) to close ( at 0}. */
    public String expected() {
        return expected;
    }

    /** What is there instead, for example {@code end of selector} or {@code label 'b'}. */
    public String found() {
        return found;
    }

    /** Control characters other than tab escaped, to keep messages on one line. */
    static String printable(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t') || c == 0x7f;
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (!control) {
                    out.append(c);
                } else if (c == '\n') {
                    out.append("\\n");
                } else if (c == '\r') {
                    out.append("\\r");
                } else {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
