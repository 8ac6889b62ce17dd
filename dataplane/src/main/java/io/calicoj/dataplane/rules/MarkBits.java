package io.calicoj.dataplane.rules;

/**
 * The packet-mark bits Felix's chains use to pass verdicts between chains, taken from
 * {@code IptablesMarkMask} starting at its least significant set bit, in Felix's order: accept,
 * pass, scratch 0, scratch 1. With the modern default mask {@code 0xffff0000}: accept
 * {@code 0x10000}, pass {@code 0x20000}, scratch {@code 0x40000} and {@code 0x80000}.
 */
public record MarkBits(long accept, long pass, long scratch0, long scratch1) {

    /** Modern Felix's default {@code IptablesMarkMask}. */
    public static final long DEFAULT_MASK = 0xffff0000L;

    public MarkBits {
        long[] all = {accept, pass, scratch0, scratch1};
        long seen = 0;
        for (long bit : all) {
            if (Long.bitCount(bit) != 1 || (seen & bit) != 0 || bit > 0xffffffffL) {
                throw new IllegalArgumentException("mark bits must be four distinct single 32-bit bits");
            }
            seen |= bit;
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code IptablesMarkMask} when the mask has fewer than four bits
     */
    public static MarkBits fromMask(long mask) {
        long[] bits = new long[4];
        long rest = mask & 0xffffffffL;
        for (int i = 0; i < 4; i++) {
            if (rest == 0) {
                throw new IllegalArgumentException("IptablesMarkMask = " + String.format("%#x", mask)
                        + ": needs at least 4 bits set (accept, pass and two scratch bits)");
            }
            bits[i] = Long.lowestOneBit(rest);
            rest &= ~bits[i];
        }
        return new MarkBits(bits[0], bits[1], bits[2], bits[3]);
    }

    public static MarkBits defaults() {
        return fromMask(DEFAULT_MASK);
    }

    /** Every bit we own. */
    public long all() {
        return accept | pass | scratch0 | scratch1;
    }
}
