package io.calicoj.model.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SelectorParseErrorTest {

    private static SelectorParseException parseError(String text) {
        SelectorParseException e =
                catchThrowableOfType(SelectorParseException.class, () -> Selector.parse(text));
        assertThat(e).as("parse error for \"%s\"", text).isNotNull();
        return e;
    }

    /** (text, position of the problem, what the message says was expected there). */
    static Stream<Arguments> errorSaysWhereAndWhatWasExpected() {
        return Stream.of(
                arguments("(a == 'x'", 9, ") to close the ( at position 0"),
                arguments("(has(a) || (has(b)", 18, ") to close the ( at position 11"),
                arguments("a in {'x'", 9, ", or }"),
                arguments("a in {'x' 'y'}", 10, ", or }"),
                arguments("a in {,}", 6, "a quoted string or }"),
                arguments("a in {'x',,}", 10, "a quoted string or }"),
                arguments("a in 'x'", 5, "{ after in"),
                arguments("a not in x", 2, "after label 'a'"),
                arguments("a = 'x'", 2, "=="),
                arguments("a == 'x' & b == 'y'", 9, "&&"),
                arguments("a == 'x' | b == 'y'", 9, "||"),
                arguments("a == 'x", 5, "a closing ' to end the string"),
                arguments("a in {\"x}", 6, "a closing \" to end the string"),
                arguments("a == 'x' b == 'y'", 9, "&&, || or end of selector"),
                arguments("a == 'x')", 8, "&&, || or end of selector"),
                arguments("has(a) all()", 7, "&&, || or end of selector"),
                arguments("app foo", 4, "==, !=, in, not in, contains, starts with or ends with"
                        + " after label 'app'"),
                arguments("app", 3, "after label 'app'"),
                arguments("app (", 4, "after label 'app'"),
                arguments("app 'x'", 4, "after label 'app'"),
                arguments("app ! = 'x'", 4, "after label 'app'"),
                arguments("app has(x)", 4, "after label 'app'"),
                arguments("app%", 3, "after label 'app'"),
                arguments("a == b", 5, "a quoted string after =="),
                arguments("a starts with {'x'}", 14, "a quoted string after starts with"),
                arguments("a ==", 4, "a quoted string after =="),
                arguments("'b1' == b", 0, "a label, has(<label>), all(), global(), ! or ("),
                arguments("!", 1, "a label, has(<label>), all(), global(), ! or ("),
                arguments("has(foo) &&", 11, "a label, has(<label>), all(), global(), ! or ("),
                arguments("foo != ||", 7, "a quoted string after !="),
                arguments("%", 0, "a label, has(<label>), all(), global(), ! or ("),
                arguments("a == 'x' && %", 12, "a label"),
                arguments(")", 0, "a label"),
                arguments("()", 1, "a label"),
                arguments("has (a)", 4, "after label 'has'"),
                arguments("has(", 4, "a label name after has("),
                arguments("has()", 4, "a label name after has("),
                arguments("has(a", 5, ") to close has("),
                arguments("has(a b)", 6, ") to close has("),
                arguments("all(x)", 4, ") after all("),
                arguments("global(", 7, ") after global("),
                arguments("a == 'x'\n", 8, "&&, || or end of selector"),
                arguments("\n", 0, "a label"),
                arguments("in in in", 6, "{ after in"));
    }

    @ParameterizedTest(name = "\"{0}\" at {1}: expected {2}")
    @MethodSource
    void errorSaysWhereAndWhatWasExpected(String text, int position, String expected) {
        SelectorParseException e = parseError(text);
        assertThat(e.selector()).isEqualTo(text);
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.expected()).contains(expected);
        assertThat(e.getMessage()).contains("at position " + position).contains(expected);
    }

    @Test
    void messageNamesTheInputThePositionAndTheExpectation() {
        assertThat(parseError("app foo == 'x'").getMessage()).isEqualTo(
                "invalid selector \"app foo == 'x'\" at position 4: expected ==, !=, in, not in,"
                        + " contains, starts with or ends with after label 'app', found 'foo'");
        assertThat(parseError("(a == 'x'").getMessage()).isEqualTo("invalid selector \"(a == 'x'\""
                + " at position 9: expected ) to close the ( at position 0, found end of selector");
    }

    @Test
    void messageSaysWhatWasFound() {
        assertThat(parseError("a == 'x' b").found()).isEqualTo("label 'b'");
        assertThat(parseError("a == 'x' 'y'").found()).isEqualTo("string 'y'");
        assertThat(parseError("a == 'x' ||").found()).isEqualTo("end of selector");
        assertThat(parseError("a == 'x' )").found()).isEqualTo("')'");
        assertThat(parseError("a = 'x'").found()).isEqualTo("a single =");
        assertThat(parseError("a == \uD83D\uDE00").found()).isEqualTo("'\uD83D\uDE00'");
    }

    @Test
    void lineBreaksAreEscapedInTheMessage() {
        SelectorParseException e = parseError("a == 'x'\nb");
        assertThat(e.getMessage()).isEqualTo("invalid selector \"a == 'x'\\nb\" at position 8:"
                + " expected &&, || or end of selector, found '\\n'");
        assertThat(e.selector()).isEqualTo("a == 'x'\nb");
    }

    @Test
    void parseErrorIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> Selector.parse("a ="))
                .isInstanceOf(IllegalArgumentException.class)
                .isExactlyInstanceOf(SelectorParseException.class);
    }
}
