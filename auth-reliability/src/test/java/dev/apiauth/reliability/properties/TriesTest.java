package dev.apiauth.reliability.properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.apiauth.spi.EndpointResponse;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/** The seeded property machinery itself: reproducible tries, replayable failures, honest generators. */
class TriesTest {

    @Test
    void theSameRunSeedGivesTheSameInputs() {
        assertThat(bodies(42L, "responses", 200)).isEqualTo(bodies(42L, "responses", 200));
        assertThat(bodies(42L, "responses", 200)).isNotEqualTo(bodies(43L, "responses", 200));
    }

    @Test
    void twoPropertiesOfOneRunDrawDifferentInputs() {
        assertThat(bodies(42L, "responses", 200)).isNotEqualTo(bodies(42L, "anyExpResponses", 200));
    }

    @Test
    void aTrysSeedReplaysItsInputAsTheFirstTry() {
        Gen<EndpointResponse> responses = Generators.responses(Long.MAX_VALUE);
        Tries.Sample<EndpointResponse> tried = Tries.of(7L, "responses", 1000, responses).skip(737).findFirst()
                .orElseThrow();

        Tries.Sample<EndpointResponse> replayed = Tries.of(tried.seed(), "responses", 1000, responses).findFirst()
                .orElseThrow();

        assertThat(replayed.index()).isZero();
        assertThat(replayed.value().status()).isEqualTo(tried.value().status());
        assertThat(replayed.value().headers()).isEqualTo(tried.value().headers());
        assertThat(replayed.value().body()).isEqualTo(tried.value().body());
    }

    @Test
    void aFailingTryNamesItsInputAndTheCommandThatReplaysIt() throws Exception {
        Tries.Sample<String> sample = new Tries.Sample<>(12, -77L, "the input");
        AssertionError broken = new AssertionError("expected a token");
        Method method = TriesTest.class.getDeclaredMethod("aFailingTryNamesItsInputAndTheCommandThatReplaysIt");

        Throwable thrown = catchThrowable(() -> new Property.ReportSeed().interceptTestTemplateMethod(
                () -> {
                    throw broken;
                }, invocationOf(method, sample), null));

        assertThat(thrown).isInstanceOf(AssertionError.class).hasCause(broken)
                .hasMessageContaining("failed at try 12")
                .hasMessageContaining("the input")
                .hasMessageContaining("-Dtest='TriesTest#aFailingTryNamesItsInputAndTheCommandThatReplaysIt'")
                .hasMessageContaining("-Dproperties.seed=-77");
    }

    @Test
    void longsStayWithinTheirBoundsAndReachThem() {
        SplittableRandom random = new SplittableRandom(1);
        List<Long> wide = IntStream.range(0, 2000).mapToObj(i -> Gen.longs(-Long.MAX_VALUE, Long.MAX_VALUE)
                .next(random)).toList();
        assertThat(wide).doesNotContain(Long.MIN_VALUE).contains(Long.MAX_VALUE, -Long.MAX_VALUE, 0L);
        List<Long> narrow = IntStream.range(0, 2000).mapToObj(i -> Gen.longs(3, 5).next(random)).toList();
        assertThat(narrow).containsOnly(3L, 4L, 5L);
    }

    @Test
    void aFilterThatRejectsEverythingFailsInsteadOfSpinning() {
        assertThatThrownBy(() -> Gen.just("x").filter(value -> false).next(new SplittableRandom(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("loosen the generator");
    }

    private static List<String> bodies(long runSeed, String name, int tries) {
        return Tries.of(runSeed, name, tries, Generators.responses(Long.MAX_VALUE))
                .map(sample -> sample.value().body()).collect(Collectors.toList());
    }

    private static ReflectiveInvocationContext<Method> invocationOf(Method method, Object argument) {
        return new ReflectiveInvocationContext<>() {
            @Override
            public Class<?> getTargetClass() {
                return method.getDeclaringClass();
            }

            @Override
            public Method getExecutable() {
                return method;
            }

            @Override
            public List<Object> getArguments() {
                return List.of(argument);
            }

            @Override
            public Optional<Object> getTarget() {
                return Optional.empty();
            }
        };
    }
}
