package io.calicoj.dataplane.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkBitsTest {

    @Test
    void theModernDefaultMaskGivesAcceptPassAndTwoScratchBits() {
        MarkBits m = MarkBits.defaults();
        assertThat(m).isEqualTo(new MarkBits(0x10000, 0x20000, 0x40000, 0x80000));
        assertThat(m.all()).isEqualTo(0xf0000);
    }

    @Test
    void felix2MaskGivesTheSpecTestVector() {
        MarkBits m = MarkBits.fromMask(0xff000000L);
        assertThat(m.accept()).isEqualTo(0x1000000);
        assertThat(m.pass()).isEqualTo(0x2000000);
        assertThat(m.scratch0()).isEqualTo(0x4000000);
    }

    @Test
    void bitsAreTakenFromTheLowestSetBitsOfASparseMask() {
        assertThat(MarkBits.fromMask(0b1010_1010_0000L)).isEqualTo(new MarkBits(0b10_0000, 0b1000_0000, 0b10_0000_0000, 0b1000_0000_0000));
    }

    @Test
    void aMaskWithFewerThanFourBitsIsRejectedNamingTheParameter() {
        assertThatThrownBy(() -> MarkBits.fromMask(0x7)).hasMessageContaining("IptablesMarkMask = 0x7");
    }
}
