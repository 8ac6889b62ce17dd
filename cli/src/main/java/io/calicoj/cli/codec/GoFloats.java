package io.calicoj.cli.codec;

import java.math.BigDecimal;

/**
 * Go's text forms of a {@code float64}, so numbers such as a policy's {@code order} print as
 * calicoctl prints them: {@code strconv.FormatFloat(f, 'g', -1, 64)} (YAML and table cells) and
 * {@code encoding/json}'s form (JSON).
 */
public final class GoFloats {

    private GoFloats() {
    }

    /** The shortest decimal digits of {@code |f|} and the decimal point position: value = 0.DIGITS × 10^point. */
    private record Digits(String digits, int point) {
        static Digits of(double f) {
            BigDecimal d = new BigDecimal(Double.toString(Math.abs(f))).stripTrailingZeros();
            String unscaled = d.unscaledValue().toString();
            return new Digits(unscaled, unscaled.length() - d.scale());
        }
    }

    /** {@code strconv.FormatFloat(f, 'g', -1, 64)}, e.g. {@code 100}, {@code 100.5}, {@code 1e+06}, {@code 1e-05}. */
    public static String formatG(double f) {
        if (Double.isNaN(f)) {
            return "NaN";
        }
        if (Double.isInfinite(f)) {
            return f > 0 ? "+Inf" : "-Inf";
        }
        String sign = f < 0 || (f == 0 && 1 / f < 0) ? "-" : "";
        if (f == 0) {
            return sign + "0";
        }
        Digits d = Digits.of(f);
        int exp = d.point() - 1;
        // Go uses %e when the exponent is < -4 or >= the precision, 6 for the shortest form.
        if (exp < -4 || exp >= 6) {
            return sign + exponent(d, "e", true);
        }
        return sign + fixed(d);
    }

    /** {@code encoding/json}'s float64: fixed notation unless {@code |f| < 1e-6} or {@code |f| >= 1e21}. */
    public static String formatJson(double f) {
        if (f == 0) {
            return (1 / f < 0) ? "-0" : "0";
        }
        String sign = f < 0 ? "-" : "";
        double abs = Math.abs(f);
        Digits d = Digits.of(f);
        if (abs < 1e-6 || abs >= 1e21) {
            return sign + exponent(d, "e", false);
        }
        return sign + fixed(d);
    }

    private static String fixed(Digits d) {
        String digits = d.digits();
        int point = d.point();
        if (point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return digits + "0".repeat(point - digits.length());
        }
        return digits.substring(0, point) + "." + digits.substring(point);
    }

    /** {@code d.ddde±XX}; Go's %e pads the exponent to two digits, its JSON encoder does not. */
    private static String exponent(Digits d, String e, boolean twoDigitExponent) {
        String digits = d.digits();
        int exp = d.point() - 1;
        StringBuilder sb = new StringBuilder().append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append(e).append(exp < 0 ? '-' : '+');
        String n = Integer.toString(Math.abs(exp));
        if (twoDigitExponent && n.length() < 2) {
            sb.append('0');
        }
        return sb.append(n).toString();
    }
}
