package dev.apiauth.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** The reactor's POM files as written (not as Maven sees them), for the checks of what is published. */
final class ReactorPoms {
    /** The repository's root: auth-examples' parent folder. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private ReactorPoms() {
    }

    /** One module of the root POM's {@code <modules>}. */
    record Module(String directory, Element pom) {
        String artifactId() {
            return child(pom, "artifactId").orElseThrow();
        }

        String packaging() {
            return child(pom, "packaging").orElse("jar");
        }

        Optional<String> property(String name) {
            return element(pom, "properties").flatMap(properties -> child(properties, name));
        }

        /** Internal modules say so with {@code maven.deploy.skip}; every other module is published. */
        boolean published() {
            return !property("maven.deploy.skip").map(Boolean::parseBoolean).orElse(false);
        }

        Path target() {
            return ROOT.resolve(directory).resolve("target");
        }
    }

    static List<Module> modules() {
        Element root = parse(ROOT.resolve("pom.xml"));
        List<Module> modules = new ArrayList<>();
        for (Element module : children(element(root, "modules").orElseThrow(), "module")) {
            String directory = module.getTextContent().strip();
            modules.add(new Module(directory, parse(ROOT.resolve(directory).resolve("pom.xml"))));
        }
        return modules;
    }

    /** The artifactIds of a {@code <dependencies>} list under {@code parent}, e.g. the BOM's dependencyManagement. */
    static List<Element> dependencies(Element parent) {
        return element(parent, "dependencies").map(list -> children(list, "dependency")).orElse(List.of());
    }

    static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document document = factory.newDocumentBuilder().parse(pom.toFile());
            return document.getDocumentElement();
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot read " + pom + ": " + e.getMessage(), e);
        }
    }

    static Optional<String> child(Element parent, String name) {
        return element(parent, name).map(found -> found.getTextContent().strip());
    }

    static Optional<Element> element(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(name)) {
                found.add(element);
            }
        }
        return found;
    }

    static boolean exists(Path file) {
        return Files.isRegularFile(file);
    }
}
