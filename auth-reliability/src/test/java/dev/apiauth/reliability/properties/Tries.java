package dev.apiauth.reliability.properties;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The tries of a property, for {@code @MethodSource}: try {@code i} draws its input from a
 * {@link SplittableRandom} seeded with {@code runSeed + i * STEP} (salted with the property's name).
 * The run seed is random unless {@code -Dproperties.seed=<long>} fixes it, so try 0 of a run with a
 * failing try's seed is that failing input again; {@link Property} prints that seed when a try fails.
 */
final class Tries {
    /** System property fixing the run seed (decimal long). */
    static final String SEED_PROPERTY = "properties.seed";
    /** The 64-bit golden ratio: spreads consecutive tries' seeds over the whole range. */
    private static final long STEP = 0x9E3779B97F4A7C15L;
    static final long RUN_SEED = runSeed();

    private Tries() {
    }

    /**
     * {@code tries} samples of {@code gen} for the property {@code name}, generated lazily (one input
     * in memory at a time). The name salts the seeds so that two properties of one run draw
     * different inputs.
     */
    static <T> Stream<Sample<T>> of(String name, int tries, Gen<T> gen) {
        return of(RUN_SEED, name, tries, gen);
    }

    static <T> Stream<Sample<T>> of(long runSeed, String name, int tries, Gen<T> gen) {
        long salt = mix(name.hashCode());
        return IntStream.range(0, tries).mapToObj(i -> {
            long replaySeed = runSeed + i * STEP;
            return new Sample<>(i, replaySeed, gen.next(new SplittableRandom(replaySeed ^ salt)));
        });
    }

    /** Stafford's variant 13 of the SplitMix64 finaliser: a well-spread long from any input. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long runSeed() {
        String fixed = System.getProperty(SEED_PROPERTY, "").trim();
        if (fixed.isEmpty()) {
            return new SplittableRandom().nextLong();
        }
        try {
            return Long.parseLong(fixed);
        } catch (NumberFormatException notALong) {
            throw new IllegalArgumentException("-D" + SEED_PROPERTY + " must be a decimal long (as printed by a "
                    + "failing property), got '" + fixed + "'", notALong);
        }
    }

    /**
     * One try's input and {@code seed}, the run seed that makes it the property's first try.
     * {@code toString} is the display name of the try: the seed only, so reports stay small and carry
     * no generated token.
     */
    record Sample<T>(int index, long seed, T value) {
        @Override
        public String toString() {
            return "seed " + seed;
        }
    }
}
