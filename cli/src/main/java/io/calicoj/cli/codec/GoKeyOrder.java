package io.calicoj.cli.codec;

import java.util.Comparator;

/**
 * The order in which Go's YAML encoder ({@code gopkg.in/yaml.v2}, {@code keyList.Less}) sorts the
 * keys of a map: code point by code point, except that a non-letter sorts before a letter and runs
 * of digits compare as numbers ({@code a2} before {@code a10}). calicoctl's YAML goes through a
 * generic map, so every mapping it prints is in this order.
 */
final class GoKeyOrder implements Comparator<String> {

    static final GoKeyOrder INSTANCE = new GoKeyOrder();

    private GoKeyOrder() {
    }

    @Override
    public int compare(String a, String b) {
        int[] ar = a.codePoints().toArray();
        int[] br = b.codePoints().toArray();
        for (int i = 0; i < ar.length && i < br.length; i++) {
            if (ar[i] == br[i]) {
                continue;
            }
            boolean al = Character.isLetter(ar[i]);
            boolean bl = Character.isLetter(br[i]);
            if (al && bl) {
                return Integer.compare(ar[i], br[i]);
            }
            if (al || bl) {
                return bl ? -1 : 1;
            }
            long an = 0;
            long bn = 0;
            if (ar[i] == '0' || br[i] == '0') {
                for (int j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
                    if (ar[j] != '0') {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai = i;
            while (ai < ar.length && isDigit(ar[ai])) {
                an = an * 10 + (ar[ai] - '0');
                ai++;
            }
            int bi = i;
            while (bi < br.length && isDigit(br[bi])) {
                bn = bn * 10 + (br[bi] - '0');
                bi++;
            }
            if (an != bn) {
                return an < bn ? -1 : 1;
            }
            if (ai != bi) {
                return ai < bi ? -1 : 1;
            }
            return Integer.compare(ar[i], br[i]);
        }
        return Integer.compare(ar.length, br.length);
    }

    private static boolean isDigit(int c) {
        return Character.isDigit(c);
    }
}
