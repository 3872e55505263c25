package fi.tarjotin.admin;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page of an admin list: the items as the body (the shape the lists always had), the total in
 * {@code X-Total-Count} and the neighbouring pages as RFC 8288 {@code Link} headers, so a client pages through
 * any size without one answer holding everything.
 */
final class AdminPages {

    static final String TOTAL_COUNT = "X-Total-Count";
    /** The most items one page of any admin list holds. */
    static final int MAX_LIMIT = 500;

    private AdminPages() {
    }

    static <T> ResponseEntity<List<T>> page(List<T> items, long total, int limit, int offset) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().header(TOTAL_COUNT, String.valueOf(total));
        if (offset + items.size() < total) {
            answer.header("Link", "<" + link(limit, offset + limit) + ">; rel=\"next\"");
        }
        if (offset > 0) {
            answer.header("Link", "<" + link(limit, Math.max(0, offset - limit)) + ">; rel=\"prev\"");
        }
        return answer.body(items);
    }

    /** A page of a list that is read whole (lists a coordinator keeps short: decisions, periods, maintainers). */
    static <T> ResponseEntity<List<T>> slice(List<T> all, int limit, int offset) {
        int from = Math.min(all.size(), checkedOffset(offset));
        int to = Math.min(all.size(), from + checkedLimit(limit));
        return page(all.subList(from, to), all.size(), limit, offset);
    }

    static int checkedOffset(int offset) {
        if (offset < 0) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "parameter 'offset' must be 0 or more");
        }
        return offset;
    }

    static int checkedLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'limit' must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    private static String link(int limit, int offset) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", offset).build().toUriString();
    }
}
