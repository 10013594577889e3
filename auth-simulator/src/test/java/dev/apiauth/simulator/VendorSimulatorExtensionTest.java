package dev.apiauth.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** The extension's lifecycle, run through the JUnit platform on small sample test classes. */
class VendorSimulatorExtensionTest {
    /** Simulators the sample tests saw, in order. */
    static final List<VendorSimulator> SEEN = new ArrayList<>();

    @Test
    void staticFieldSharesOneSimulatorAcrossTheClassAndClosesItAfterwards() {
        SEEN.clear();

        Events tests = run(StaticSample.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(0).toString()).contains("closed");
    }

    @Test
    void instanceFieldGivesEachTestAFreshSimulator() {
        SEEN.clear();

        Events tests = run(InstanceSample.class);

        tests.assertStatistics(stats -> stats.started(2).succeeded(2));
        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
        assertThat(SEEN).allMatch(simulator -> simulator.toString().contains("closed"));
    }

    @Test
    void simulatorOutsideATestSaysHowToUseTheExtension() {
        VendorSimulatorExtension extension = new VendorSimulatorExtension();

        assertThat(catchThrowable(extension::simulator))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("@RegisterExtension");
    }

    private static Events run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .execute()
                .testEvents();
    }

    /** Runs only through {@link EngineTestKit}: surefire skips nested static classes without the Test suffix. */
    static class StaticSample {
        @RegisterExtension
        static final VendorSimulatorExtension VENDORS = new VendorSimulatorExtension(
                VendorSimulator.builder().tokenLifetime(Duration.ofMinutes(2)));

        @Test
        void first(VendorSimulator injected) {
            assertThat(injected).isSameAs(VENDORS.simulator());
            SEEN.add(injected);
        }

        @Test
        void second() {
            SEEN.add(VENDORS.simulator());
        }
    }

    static class InstanceSample {
        @RegisterExtension
        final VendorSimulatorExtension vendors = new VendorSimulatorExtension();

        @Test
        void first(VendorSimulator injected) {
            assertThat(injected).isSameAs(vendors.simulator());
            SEEN.add(injected);
        }

        @Test
        void second() {
            SEEN.add(vendors.simulator());
        }
    }
}
