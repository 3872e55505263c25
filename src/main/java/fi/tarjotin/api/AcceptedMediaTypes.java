package fi.tarjotin.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The client's {@code Accept} header with its weights, as RFC 9110 reads it: a type's weight is the one of the
 * most specific range that includes it, and weight 0 means "not this". Spring's matching ignores weights, so
 * {@code Accept: *}{@code /*;q=0} would be served; as an interceptor this answers 406 when every type an
 * endpoint produces has weight 0.
 */
final class AcceptedMediaTypes implements HandlerInterceptor {

    @Override
    @SuppressWarnings("unchecked")
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        Object producible = request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE);
        if (producible instanceof Set<?> types && !types.isEmpty()) {
            List<MediaType> accepted = of(request);
            if (((Set<MediaType>) types).stream().allMatch(type -> weight(accepted, type) == 0)) {
                throw new HttpMediaTypeNotAcceptableException(new ArrayList<>((Collection<MediaType>) types));
            }
        }
        return true;
    }

    /** The ranges the request accepts; no header accepts anything. */
    static List<MediaType> of(HttpServletRequest request) throws HttpMediaTypeNotAcceptableException {
        List<String> headers = java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (headers.isEmpty() || headers.stream().allMatch(String::isBlank)) {
            return List.of(MediaType.ALL);
        }
        try {
            return MediaType.parseMediaTypes(headers);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("Could not parse the Accept header: " + e.getMessage());
        }
    }

    /** The weight the ranges give the type: that of the most specific range including it, 0 when none does. */
    static double weight(List<MediaType> accepted, MediaType type) {
        MediaType best = null;
        for (MediaType range : accepted) {
            if (range.includes(type) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        return best == null ? 0 : best.getQualityValue();
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }
}
