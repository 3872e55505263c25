package fi.tarjotin.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Forwarded} and {@code X-Forwarded-*} headers tell the public address only when a proxy of ours wrote
 * them; from anyone else they are removed, so a client cannot make the service write its links (and a shared
 * cache keep them) with a host of the client's choosing. The proxies are
 * {@code tarjotin.security.trusted-proxies}: addresses or CIDR ranges, loopback by default.
 */
class TrustedProxyForwardedHeaders extends OncePerRequestFilter {

    private final List<IpAddressMatcher> trustedProxies;
    private final ForwardedHeaderFilter honour = new ForwardedHeaderFilter();
    private final ForwardedHeaderFilter remove = new ForwardedHeaderFilter();

    TrustedProxyForwardedHeaders(List<String> trustedProxies) {
        this.trustedProxies = trustedProxies.stream().map(IpAddressMatcher::new).toList();
        remove.setRemoveOnly(true);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean trusted = trustedProxies.stream().anyMatch(proxy -> proxy.matches(request.getRemoteAddr()));
        (trusted ? honour : remove).doFilter(request, response, chain);
    }

    // The forwarded-header filters must see error dispatches too, or an error page would use the raw headers.
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
