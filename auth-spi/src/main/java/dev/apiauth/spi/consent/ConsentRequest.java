package dev.apiauth.spi.consent;

import dev.apiauth.spi.Api;
import dev.apiauth.spi.http.Urls;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where to send the browser for one consent: a {@code GET} of {@link #url()} ({@link #redirect}),
 * or a form {@code POST} of {@link #formFields()} to it ({@link #formPost}), which a browser only
 * makes from a page — serve {@link #html()} locally and open that; it works for both. The URL or
 * the fields may hold a secret (a vendor's page may take the client secret in its query), so
 * {@link #toString()} shows neither; the {@link #state()} is kept to check the callback with.
 */
@Api(status = Api.Status.EXPERIMENTAL)
public final class ConsentRequest {
    private final String state;
    private final String method;
    private final URI url;
    private final Map<String, String> formFields;

    private ConsentRequest(String state, String method, URI url, Map<String, String> formFields) {
        Objects.requireNonNull(state, "state");
        if (state.isBlank()) {
            throw new IllegalArgumentException("the state must be a random, non-blank value");
        }
        this.state = state;
        this.method = method;
        this.url = Objects.requireNonNull(url, "url");
        this.formFields = Collections.unmodifiableMap(new LinkedHashMap<>(formFields));
    }

    /**
     * The browser opens {@code url} (its query carries the consent's parameters, {@code state} included).
     *
     * @param url the vendor's consent page with its full query
     * @param state the random CSRF value the query carries; not blank
     * @return the request
     */
    public static ConsentRequest redirect(URI url, String state) {
        return new ConsentRequest(state, "GET", url, Map.of());
    }

    /**
     * The browser posts {@code fields} (in order, {@code state} included) as a form to {@code action}.
     *
     * @param action the vendor's form action
     * @param fields the form fields, in order
     * @param state the random CSRF value the fields carry; not blank
     * @return the request
     */
    public static ConsentRequest formPost(URI action, Map<String, String> fields, String state) {
        return new ConsentRequest(state, "POST", action, Objects.requireNonNull(fields, "fields"));
    }

    /** {@return the random CSRF value sent with the request; the callback must carry it back} */
    public String state() {
        return state;
    }

    /** {@return {@code GET} or {@code POST}} */
    public String method() {
        return method;
    }

    /** {@return the vendor's consent page: for {@code GET} with its full query (may hold a secret), for {@code POST} the form action} */
    public URI url() {
        return url;
    }

    /** {@return the fields a {@code POST} sends, in order; empty for {@code GET}} */
    public Map<String, String> formFields() {
        return formFields;
    }

    /**
     * A small page that sends the browser on to the vendor: for {@code GET} a redirect with a link,
     * for {@code POST} a form that submits itself (with a button when scripts are off). Serve it only
     * to the local browser: it holds the URL and the fields.
     *
     * @return the page's HTML
     */
    public String html() {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">");
        if (method.equals("GET")) {
            String target = escapeHtml(url.toString());
            return page.append("<meta http-equiv=\"refresh\" content=\"0;url=").append(target)
                    .append("\"><title>Continue to give consent</title></head>\n<body><p><a href=\"").append(target)
                    .append("\">Continue</a></p></body></html>\n").toString();
        }
        page.append("<title>Continue to give consent</title></head>\n<body onload=\"document.forms[0].submit()\">\n")
                .append("<form method=\"post\" action=\"").append(escapeHtml(url.toString())).append("\">\n");
        formFields.forEach((name, value) -> page.append("<input type=\"hidden\" name=\"").append(escapeHtml(name))
                .append("\" value=\"").append(escapeHtml(value)).append("\">\n"));
        return page.append("<button type=\"submit\">Continue</button>\n</form></body></html>\n").toString();
    }

    private static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The method and the page without its query; field names only. */
    @Override
    public String toString() {
        return "ConsentRequest[" + method + " " + Urls.redacted(url)
                + (method.equals("POST") ? ", fields=" + formFields.keySet() : "") + "]";
    }
}
