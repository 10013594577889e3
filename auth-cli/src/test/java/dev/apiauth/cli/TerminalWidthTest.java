package dev.apiauth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code providers} and {@code describe} fit the terminal; {@code --wide} keeps one line per row. */
class TerminalWidthTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"providers", "describe doo", "describe docplanner", "describe dotypos",
            "describe docoon", "describe domo"})
    void fitsAHundredColumnTerminalByDefault(String command) {
        Cli.Result result = Cli.in(home).run(command.split(" "));

        assertThat(result.status()).as(result.toString()).isZero();
        assertThat(result.out().lines()).as(result.out()).allSatisfy(line -> assertThat(line.length())
                .isLessThanOrEqualTo(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"providers", "describe docplanner"})
    void wideKeepsOneLinePerRow(String command) {
        Cli.Result wide = Cli.in(home).run((command + " --wide").split(" "));

        assertThat(wide.status()).as(wide.toString()).isZero();
        assertThat(wide.out().lines()).as(wide.out()).anySatisfy(line -> assertThat(line.length()).isGreaterThan(100));
        assertThat(wide.out().lines().count()).isLessThan(Cli.in(home).run(command.split(" ")).out().lines().count());
    }

    @Test
    void wrappingLosesNoWord() {
        String wrapped = Cli.in(home).run("describe", "docplanner").out();
        String wide = Cli.in(home).run("describe", "docplanner", "--wide").out();

        assertThat(words(wrapped)).isEqualTo(words(wide));
    }

    @Test
    void aSettingsCellIsWrappedUnderItsColumn() {
        List<String> lines = Cli.in(home).run("providers").out().lines().toList();
        int settingsColumn = lines.get(0).indexOf("SETTINGS");
        int doo = lines.indexOf(lines.stream().filter(line -> line.startsWith("doo ")).findFirst().orElseThrow());

        assertThat(lines.get(doo).substring(settingsColumn)).startsWith("client-id*, client-secret*");
        assertThat(lines.get(doo + 1).substring(0, lines.get(0).indexOf("NAME"))).as("a continuation line").isBlank();
        assertThat(lines.get(doo + 1).substring(settingsColumn)).startsWith("api-key*");
    }

    @Test
    void theEnvironmentsColumnsSetsTheWidth() {
        Cli.Result result = Cli.in(home).withEnvironment(Map.of("COLUMNS", "72")).run("describe", "doo");

        assertThat(result.out().lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(72));
        assertThat(result.out().lines()).anySatisfy(line -> assertThat(line.length()).isGreaterThan(60));
    }

    @Test
    void wrapBreaksAtSpacesAndSplitsOverlongWords() {
        assertThat(Table.wrap("one two three", 7)).containsExactly("one two", "three");
        assertThat(Table.wrap("https://example.com/x", 8)).containsExactly("https://", "example.", "com/x");
        assertThat(Table.wrap("", 5)).containsExactly("");
    }

    private static List<String> words(String text) {
        return Arrays.stream(text.split("[\\s-]+")).filter(word -> !word.isEmpty()).sorted().toList();
    }
}
