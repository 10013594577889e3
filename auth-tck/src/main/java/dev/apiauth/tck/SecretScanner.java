package dev.apiauth.tck;

import dev.apiauth.spi.FormEncoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the fixture's secrets in text, in the forms they travel in: as they are, form- or
 * percent-encoded, JSON-escaped, and inside an HTTP Basic credential. Reports which secret it found
 * by name, never by value, and can redact text for a failure message.
 */
final class SecretScanner {
    /** A secret form and the name it is reported under. */
    private record Form(String text, String name) {
    }

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> companions = new ArrayList<>();
    private List<Form> forms;

    /** Adds a secret, named for reports (e.g. {@code setting 'client-secret'}). */
    synchronized SecretScanner add(String name, String value) {
        if (value != null && !value.isBlank() && !secrets.containsValue(value)) {
            secrets.put(name + "#" + secrets.size(), value);
            forms = null;
        }
        return this;
    }

    /** Adds values that may be paired with a secret in a Basic credential (user names, client ids). */
    synchronized SecretScanner companions(Collection<String> values) {
        values.stream().filter(value -> value != null && !value.isBlank()).forEach(companions::add);
        forms = null;
        return this;
    }

    private synchronized List<Form> forms() {
        if (forms != null) {
            return forms;
        }
        List<Form> all = new ArrayList<>();
        secrets.forEach((key, secret) -> {
            String name = key.substring(0, key.lastIndexOf('#'));
            all.add(new Form(secret, name));
            all.add(new Form(FormEncoding.formEncode(secret), name));
            all.add(new Form(FormEncoding.percentEncode(secret), name));
            all.add(new Form(jsonEscape(secret), name));
            for (String companion : companions) {
                all.add(new Form(basic(companion, secret), name + " (in a Basic credential)"));
                all.add(new Form(basic(FormEncoding.formEncode(companion), FormEncoding.formEncode(secret)),
                        name + " (in a Basic credential)"));
            }
        });
        all.removeIf(form -> form.text.length() < 6);
        forms = List.copyOf(all);
        return forms;
    }

    /** The name of the first secret found in {@code text}. */
    Optional<String> find(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (Form form : forms()) {
            if (text.contains(form.text)) {
                return Optional.of(form.name);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code text} contains the given secret value in any of its forms. */
    boolean contains(String text, String secret) {
        if (text == null || secret == null) {
            return false;
        }
        if (text.contains(secret) || text.contains(FormEncoding.formEncode(secret))
                || text.contains(FormEncoding.percentEncode(secret)) || text.contains(jsonEscape(secret))) {
            return true;
        }
        List<String> pairs;
        synchronized (this) {
            pairs = List.copyOf(companions);
        }
        for (String companion : pairs) {
            if (text.contains(basic(companion, secret))
                    || text.contains(basic(FormEncoding.formEncode(companion), FormEncoding.formEncode(secret)))) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every secret form replaced by {@code <name>}, for failure messages. */
    String redact(String text) {
        if (text == null) {
            return "null";
        }
        String redacted = text;
        for (Form form : forms()) {
            redacted = redacted.replace(form.text, "<" + form.name + ">");
        }
        return redacted;
    }

    /** Every secret as (name, value), for locating them in requests. */
    synchronized List<Map.Entry<String, String>> entries() {
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        secrets.forEach((key, value) -> entries.add(Map.entry(key.substring(0, key.lastIndexOf('#')), value)));
        return entries;
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String jsonEscape(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
