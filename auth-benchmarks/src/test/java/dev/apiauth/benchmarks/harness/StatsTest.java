package dev.apiauth.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void takesNearestRankPercentiles() {
        Stats stats = Stats.of(LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray());

        assertThat(stats.percentile(50)).isEqualTo(50);
        assertThat(stats.percentile(99)).isEqualTo(99);
        assertThat(stats.percentile(100)).isEqualTo(100);
        assertThat(stats.percentile(0.5)).isEqualTo(1);
        assertThat(stats.min()).isEqualTo(1);
        assertThat(stats.max()).isEqualTo(100);
        assertThat(stats.count()).isEqualTo(100);
    }

    @Test
    void aSingleValueIsEveryPercentile() {
        Stats stats = Stats.of(new long[] {7});

        assertThat(stats.percentile(1)).isEqualTo(7);
        assertThat(stats.percentile(99)).isEqualTo(7);
    }

    @Test
    void refusesEmptySamplesAndPercentilesOutOfRange() {
        assertThatThrownBy(() -> Stats.of(new long[0])).hasMessageContaining("no values");
        assertThatThrownBy(() -> Stats.of(new long[] {1}).percentile(0)).hasMessageContaining("(0, 100]");
        assertThatThrownBy(() -> Stats.of(new long[] {1}).percentile(101)).hasMessageContaining("(0, 100]");
    }

    @Test
    void convertsNanosToMillisWithTwoDecimals() {
        assertThat(Stats.millis(52_345_678)).isEqualTo(52.35);
        assertThat(Stats.millis(0)).isZero();
    }
}
