package dev.hubpress.core.channel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A channel's printable characters as ranges: read from text, looked up, written back the same. */
class CharacterSetTest {

    @Test
    void rangesAndSingleCodePointsAreReadAndLookedUpInAndOutOfTheBasicPlane() {
        // GIVEN the text form with a comment, a range, a single code point and a supplementary range
        CharacterSet set = CharacterSet.parse("# what a channel prints\n\n0020-007E\n00A9\n4E00-9FFF\n1F600-1F64F\n");

        // THEN the ends of each range are in it, their neighbours are not
        assertThat(set.contains(0x20)).isTrue();
        assertThat(set.contains(0x7E)).isTrue();
        assertThat(set.contains(0x1F)).isFalse();
        assertThat(set.contains(0x7F)).isFalse();
        assertThat(set.contains(0xA9)).isTrue();
        assertThat(set.contains(0xAA)).isFalse();
        assertThat(set.contains(0x4E00)).isTrue();
        assertThat(set.contains(0xE000)).isFalse();
        assertThat(set.contains(0x1F600)).isTrue();
        assertThat(set.contains(0x1F64F)).isTrue();
        assertThat(set.contains(0x1F650)).isFalse();
        assertThat(set.contains(0x20000)).isFalse();
        assertThat(set.contains(-1)).isFalse();
        assertThat(set.size()).isEqualTo(95 + 1 + 0x5200 + 0x50);
        assertThat(set.ranges()).isEqualTo(4);
    }

    @Test
    void theTextFormIsWrittenBackAsItWasReadAndMatchingMergesNeighbours() {
        // GIVEN a set made from a predicate whose code points touch each other
        CharacterSet made = CharacterSet.matching(c -> (c >= 'a' && c <= 'z') || c == '{' || c == 0x1F680);

        // WHEN it is written and read again
        String text = made.format("test\n\nline two");

        // THEN the header is a comment, touching code points are one range, and it reads back equal
        assertThat(text).isEqualTo("# test\n#\n# line two\n0061-007B\n1F680\n");
        assertThat(CharacterSet.parse(text)).isEqualTo(made);
    }

    @Test
    void aBadLineIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> CharacterSet.parse("0020-007E\nzz\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> CharacterSet.parse("0041-005A\n0030-0039\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> CharacterSet.parse("0041-005A\n005B\n")).hasMessageContaining("touches");
        assertThatThrownBy(() -> CharacterSet.parse("110000\n")).hasMessageContaining("line 1");
    }
}
