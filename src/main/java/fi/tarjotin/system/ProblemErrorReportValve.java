package fi.tarjotin.system;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers (a request the connector refuses before any filter: broken percent-encoding in
 * the path, an encoded slash, a request line too long) as problem documents instead of Tomcat's HTML page.
 * Only 4xx answers say Tomcat's reason; nothing internal of a 5xx leaves the service.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String message = response.getMessage();
        String detail = status < 500 && message != null && !message.isBlank() ? message : null;
        try {
            response.resetBuffer();
            Problems.SAFE_HEADERS.forEach(response::setHeader);
            response.setContentType(Problems.MEDIA_TYPE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(Problems.document(status, detail, Map.of()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client has gone or the response was committed meanwhile: nothing more can be sent.
        }
    }
}
