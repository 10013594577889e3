package dev.apiauth.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.apiauth.core.Credentials;
import dev.apiauth.provider.docoon.DocoonProvider;
import dev.apiauth.provider.docplanner.DocplannerProvider;
import dev.apiauth.provider.domo.DomoProvider;
import dev.apiauth.provider.doo.DooProvider;
import dev.apiauth.provider.dotypos.DotyposProvider;
import dev.apiauth.spi.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every public type of auth-spi, auth-core and the five providers says how far it may be relied on
 * ({@link Api}). Nested types take their enclosing type's status, so only top-level types need a mark.
 */
class ApiMarksTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {Api.class, Credentials.class, DooProvider.class, DocplannerProvider.class,
            DomoProvider.class, DocoonProvider.class, DotyposProvider.class})
    void everyPublicTypeOfTheModuleIsMarked(Class<?> anyClassOfTheModule) {
        List<String> types = publicTopLevelTypes(anyClassOfTheModule);

        assertThat(types).as("public types of " + location(anyClassOfTheModule)).isNotEmpty();
        assertThat(unmarked(types)).as("public types of " + location(anyClassOfTheModule)
                + " without @dev.apiauth.spi.Api(status = ...): mark each STABLE, EXPERIMENTAL or INTERNAL").isEmpty();
    }

    @Test
    void anUnmarkedPublicTypeIsReported() {
        List<String> types = publicTopLevelTypes(ApiMarksTest.class);

        assertThat(types).contains(UnmarkedPublicType.class.getName()).doesNotContain(ApiMarksTest.class.getName());
        assertThat(unmarked(types)).contains(UnmarkedPublicType.class.getName());
    }

    private static List<String> unmarked(List<String> types) {
        return types.stream().filter(name -> !load(name).isAnnotationPresent(Api.class)).toList();
    }

    /** The public top-level types in the jar or class directory {@code anchor} was loaded from. */
    private static List<String> publicTopLevelTypes(Class<?> anchor) {
        Path location = location(anchor);
        List<String> entries = new ArrayList<>();
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.walk(location)) {
                    files.filter(Files::isRegularFile)
                            .forEach(file -> entries.add(location.relativize(file).toString().replace('\\', '/')));
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    jar.stream().forEach(entry -> entries.add(entry.getName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries.stream()
                .filter(entry -> entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.contains("$")
                        && !entry.endsWith("module-info.class") && !entry.endsWith("package-info.class"))
                .map(entry -> entry.substring(0, entry.length() - ".class".length()).replace('/', '.'))
                .filter(name -> Modifier.isPublic(load(name).getModifiers()))
                .sorted()
                .toList();
    }

    private static Path location(Class<?> anchor) {
        try {
            return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ApiMarksTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
