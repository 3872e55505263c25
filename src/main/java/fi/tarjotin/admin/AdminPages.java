package fi.tarjotin.admin;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A page of an admin list: the items as the body (the shape the lists always had), the total in
 * {@code X-Total-Count} and the neighbouring pages as RFC 8288 {@code Link} headers, so a client pages through
 * any size without one answer holding everything.
 */
final class AdminPages {

    static final String TOTAL_COUNT = "X-Total-Count";

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

    private static String link(int limit, int offset) {
        return ServletUriComponentsBuilder.fromCurrentRequest().replaceQueryParam("limit", limit)
                .replaceQueryParam("offset", offset).build().toUriString();
    }
}
