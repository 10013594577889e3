package dev.apiauth.tck;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;

/**
 * The build runs the self-tests twice, on JUnit 5 and on JUnit 6; this proves each run really is on
 * the platform it claims (the version comes from the surefire execution).
 */
class PlatformVersionTest {
    @Test
    void runsOnTheExpectedJUnitPlatform() {
        String expected = System.getProperty("apiauth.tck.expectedJupiterVersion");
        org.junit.jupiter.api.Assumptions.assumeTrue(expected != null,
                "not run by the build's surefire executions, which say which JUnit they put on the class path");

        assertThat(Test.class.getPackage().getImplementationVersion()).isEqualTo(expected);
        assertThat(Launcher.class.getPackage().getImplementationVersion())
                .startsWith(expected.startsWith("5.") ? "1." + expected.substring(2) : expected);
    }
}
