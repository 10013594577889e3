package dev.apiauth.reliability.properties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of test inputs drawn from a seeded {@link SplittableRandom}: the same seed gives the
 * same value, so a failing try is replayed from its seed alone (see {@link Tries}). No shrinking:
 * the inputs a property once failed on are kept, simplified by hand, in {@link RecordedBugsTest}.
 *
 * <p>Numbers and strings favour their edge cases (bounds, zero, ±1, empty, longest) about one try
 * in eight, because that is where parsers break.
 */
@FunctionalInterface
interface Gen<T> {
    /** How often a number or length generator returns one of its edge cases instead of a uniform value. */
    int EDGE_ONE_IN = 8;

    T next(SplittableRandom random);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return random -> mapper.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> mapper) {
        return random -> mapper.apply(next(random)).next(random);
    }

    /** Values passing {@code accept}; fails loudly rather than spinning when it hardly ever does. */
    default Gen<T> filter(Predicate<? super T> accept) {
        return random -> {
            for (int attempt = 0; attempt < 10_000; attempt++) {
                T value = next(random);
                if (accept.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 10 000 values in a row: loosen the generator");
        };
    }

    /** Present (possibly holding {@code null} as empty) three times in four. */
    default Gen<Optional<T>> optional() {
        return random -> random.nextInt(4) == 0 ? Optional.empty() : Optional.ofNullable(next(random));
    }

    default Gen<List<T>> list(int maxSize) {
        return random -> {
            int size = size(random, 0, maxSize);
            List<T> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(next(random));
            }
            return list;
        };
    }

    static <T> Gen<T> just(T value) {
        return random -> value;
    }

    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        return of(List.of(values));
    }

    /** One of {@code values}, uniformly; {@code values} may hold {@code null} only via {@link #just}. */
    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        return oneOf(List.of(gens));
    }

    static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        List<? extends Gen<? extends T>> copy = List.copyOf(gens);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** A weighted choice among generators, e.g. {@code frequency(weight(6, common), weight(1, rare))}. */
    @SafeVarargs
    static <T> Gen<T> frequency(Weighted<? extends T>... choices) {
        List<Weighted<? extends T>> copy = List.of(choices);
        int total = copy.stream().mapToInt(Weighted::weight).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (Weighted<? extends T> choice : copy) {
                pick -= choice.weight();
                if (pick < 0) {
                    return choice.gen().next(random);
                }
            }
            throw new AssertionError("unreachable: weights sum to " + total);
        };
    }

    static <T> Weighted<T> weight(int weight, Gen<T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** One generator per element, drawn in order. */
    static <T> Gen<List<T>> all(List<? extends Gen<? extends T>> gens) {
        List<? extends Gen<? extends T>> copy = List.copyOf(gens);
        return random -> {
            List<T> values = new ArrayList<>(copy.size());
            for (Gen<? extends T> gen : copy) {
                values.add(gen.next(random));
            }
            return values;
        };
    }

    /** Longs in {@code [min, max]}, edges: both bounds and 0, 1, -1 when inside. */
    static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
        List<Long> edges = new ArrayList<>(List.of(min, max));
        for (long edge : new long[] {0, 1, -1}) {
            if (edge > min && edge < max) {
                edges.add(edge);
            }
        }
        return random -> {
            if (random.nextInt(EDGE_ONE_IN) == 0) {
                return edges.get(random.nextInt(edges.size()));
            }
            if (min == Long.MIN_VALUE && max == Long.MAX_VALUE) {
                return random.nextLong();
            }
            // nextLong(origin, bound) excludes bound, and max + 1 would overflow: shift the range down by one.
            return max == Long.MAX_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong(min, max + 1);
        };
    }

    static Gen<Long> longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    static Gen<Integer> ints() {
        return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Finite doubles in {@code [min, max]}, edges: both bounds and 0 when inside. */
    static Gen<Double> doubles(double min, double max) {
        List<Double> edges = new ArrayList<>(List.of(min, max));
        if (0 > min && 0 < max) {
            edges.add(0.0);
        }
        return random -> random.nextInt(EDGE_ONE_IN) == 0 ? edges.get(random.nextInt(edges.size()))
                : min == max ? min : Math.min(max, random.nextDouble(min, max));
    }

    /** Any finite double, every magnitude alike likely: tiny, ordinary and huge; edges ±0, ±MIN, ±MAX, ±1. */
    static Gen<Double> doubles() {
        List<Double> edges = List.of(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, 0.01, -0.01);
        return random -> {
            if (random.nextInt(EDGE_ONE_IN) == 0) {
                return edges.get(random.nextInt(edges.size()));
            }
            double value = Math.scalb(random.nextDouble(-2, 2), random.nextInt(-1074, 1023));
            return Double.isFinite(value) ? value : Math.copySign(Double.MAX_VALUE, value);
        };
    }

    /** Any char but lone surrogates: mostly ASCII, also controls, Latin-1 and the rest of the BMP. */
    static Gen<Character> chars() {
        Gen<Character> ascii = charRange(' ', '~');
        Gen<Character> controls = of('\t', '\n', '\r', '\u0000', '\u001f', '\u007f', '\u00a0', '\u2028', '\ufeff');
        Gen<Character> latin = charRange('\u00a1', '\u00ff');
        Gen<Character> bmp = charRange('\u0100', '\ud7ff');
        return frequency(weight(6, ascii), weight(1, controls), weight(1, latin), weight(2, bmp));
    }

    static Gen<Character> charRange(char from, char to) {
        return random -> (char) random.nextInt(from, to + 1);
    }

    static Gen<String> strings(int minLength, int maxLength) {
        return strings(chars(), minLength, maxLength);
    }

    static Gen<String> strings(int maxLength) {
        return strings(0, maxLength);
    }

    static Gen<String> numeric(int minLength, int maxLength) {
        return strings(charRange('0', '9'), minLength, maxLength);
    }

    static Gen<String> alpha(int maxLength) {
        return strings(oneOf(charRange('a', 'z'), charRange('A', 'Z')), 0, maxLength);
    }

    static Gen<String> strings(Gen<Character> chars, int minLength, int maxLength) {
        return random -> {
            int length = size(random, minLength, maxLength);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(chars.next(random).charValue());
            }
            return text.toString();
        };
    }

    /** Maps of up to {@code maxSize} entries (fewer when keys repeat). */
    static <K, V> Gen<Map<K, V>> maps(Gen<K> keys, Gen<V> values, int maxSize) {
        return random -> {
            int size = size(random, 0, maxSize);
            Map<K, V> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(keys.next(random), values.next(random));
            }
            return map;
        };
    }

    /** A size in {@code [min, max]}: the bounds as edge cases, otherwise uniform. */
    private static int size(SplittableRandom random, int min, int max) {
        if (random.nextInt(EDGE_ONE_IN) == 0) {
            return random.nextBoolean() ? min : max;
        }
        return random.nextInt(min, max + 1);
    }

    /** A generator and its weight in {@link #frequency}. */
    record Weighted<T>(int weight, Gen<T> gen) {
        public Weighted {
            if (weight <= 0) {
                throw new IllegalArgumentException("weight must be positive, got " + weight);
            }
        }
    }
}
