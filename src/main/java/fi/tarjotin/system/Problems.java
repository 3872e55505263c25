package fi.tarjotin.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Writes an RFC 9457 problem document straight to a servlet response, for the layers that answer before
 * Spring MVC does (the query-string check, the login throttle, the firewall, Tomcat's own error reports).
 * Spring MVC's controllers answer with {@code ProblemDetail}; these write the same shape.
 */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** No cache keeps an error, and no browser reads one as anything but JSON. */
    static final Map<String, String> SAFE_HEADERS = Map.of("Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff", "Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY);

    private static final ObjectMapper JSON = new ObjectMapper();

    private Problems() {
    }

    /** The problem as JSON text: type about:blank, the status's title, a detail and any extra members. */
    public static String document(int status, String detail, Map<String, ?> extra) {
        ObjectNode problem = JSON.createObjectNode();
        problem.put("type", "about:blank");
        HttpStatus known = HttpStatus.resolve(status);
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        if (detail != null) {
            problem.put("detail", detail);
        }
        extra.forEach((name, value) -> problem.putPOJO(name, value));
        return problem.toString();
    }

    /** Answers the request with the problem, unless something was sent already. */
    public static void write(HttpServletResponse response, int status, String detail, Map<String, ?> extra)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        SAFE_HEADERS.forEach(response::setHeader);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = document(status, detail, extra).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }
}
