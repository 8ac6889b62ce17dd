/**
 * Calico's v3 label selector language: parser, expression tree, evaluation, canonical form and
 * unique ID, compatible with {@code libcalico-go/lib/selector} in Calico v3.
 *
 * <pre>
 * selector   := WS* | or WS* EOF
 * or         := and ( "||" and )*
 * and        := operation ( "&amp;&amp;" operation )*
 * operation  := "!"* ( "has(" LABEL ")" | "all()" | "global()" | comparison | "(" or ")" )
 * comparison := LABEL ( "==" | "!=" | "contains" | "starts with" | "ends with" ) STRING
 *             | LABEL ( "in" | "not in" ) "{" [ STRING ( "," STRING )* [ "," ] ] "}"
 * LABEL      := [a-zA-Z0-9_./-]{1,512}
 * STRING     := '"' [^"]* '"' | "'" [^']* "'"      (no escapes)
 * WS         := space or tab (a newline is an error)
 * </pre>
 *
 * <ul>
 *   <li>Whitespace may appear between any two tokens and inside {@code has( a )},
 *       {@code all( )}, {@code global( )}; between the words of {@code not in},
 *       {@code starts with} and {@code ends with} it may also be absent ({@code notin}).
 *   <li>The word operators are recognised only right after a label, so elsewhere
 *       {@code in}, {@code not}, {@code contains}, ... are ordinary labels:
 *       {@code in == "x"} and {@code not in {"a"}} (label {@code not}) are valid.
 *   <li>{@code !} binds tightest, then {@code &&}, then {@code ||}; a run of {@code !} folds to
 *       one or none. Empty text means {@code all()}.
 *   <li>A missing label: {@code ==}, {@code in}, {@code contains}, {@code starts with},
 *       {@code ends with} and {@code has} are false; {@code !=} and {@code not in} are true.
 * </ul>
 *
 * <p>{@link io.calicoj.model.selector.Selector#canonical()} renders Calico's {@code String()}
 * form (sets sorted and de-duplicated, every {@code &&}/{@code ||} group in parentheses, double
 * quotes unless the value contains one) and
 * {@link io.calicoj.model.selector.Selector#uniqueId()} hashes it as Calico does for IP set
 * names. Differences from Calico: parentheses may nest at most 256 deep, and error messages are
 * worded differently (with a position and what was expected).
 */
package io.calicoj.model.selector;
