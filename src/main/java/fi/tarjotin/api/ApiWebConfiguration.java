package fi.tarjotin.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * HTTP behaviour of the public API: browsers of tray frontends may call it (CORS), responses may be
 * cached for {@code tarjotin.api.cache-max-age} and carry an ETag, so a frontend that asks again with
 * {@code If-None-Match} gets a bodiless 304. Admin and actuator responses are never cached.
 */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    // Before Spring Security's filters, so a 401 from them gets its Cache-Control too.
    private static final int ETAG_FILTER_ORDER = SecurityProperties.DEFAULT_FILTER_ORDER - 10;

    private final ApiProperties properties;

    ApiWebConfiguration(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        for (String path : new String[] {"/", "/services/**", "/services", "/organizations/**", "/organizations",
                "/service_at_locations/**", "/service_at_locations", "/taxonomies/**", "/taxonomies",
                "/taxonomy_terms/**", "/taxonomy_terms", "/openapi.json", "/openapi.yaml", "/profile"}) {
            registry.addMapping(path).allowedOrigins(properties.corsAllowedOrigins().toArray(String[]::new))
                    .allowedMethods("GET", "HEAD").exposedHeaders(HttpHeaders.ETAG).maxAge(3600);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new AcceptedMediaTypes());
    }

    /**
     * An ETag from the body's hash; compares it with If-None-Match and answers 304 when they match. Weak
     * ("W/"), because the gzipped and plain bodies are the same resource, and Tomcat does not compress a
     * response with a strong ETag.
     */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
        ShallowEtagHeaderFilter filter = new ShallowEtagHeaderFilter();
        filter.setWriteWeakETag(true);
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("apiEtagFilter");
        registration.setOrder(ETAG_FILTER_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> cacheControlFilter() {
        String publicCaching = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic().getHeaderValue();
        String noStore = CacheControl.noStore().getHeaderValue();
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                // Reminder answer pages hold a maintainer's single-use link, and console pages a coordinator's
                // session and private data: never kept by any cache.
                boolean restricted = path.startsWith("/admin") || path.startsWith("/actuator")
                        || path.startsWith("/reminders") || path.startsWith("/console");
                boolean readOnly = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
                response.setHeader(HttpHeaders.CACHE_CONTROL, restricted || !readOnly ? noStore : publicCaching);
                chain.doFilter(request, response);
                // Errors are not cached. The ETag filter around this one still holds the body, so the header
                // can change now; a streamed (NDJSON) response is committed already and keeps its header.
                if (response.getStatus() >= 400 && !response.isCommitted()) {
                    response.setHeader(HttpHeaders.CACHE_CONTROL, noStore);
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("apiCacheControlFilter");
        registration.setOrder(ETAG_FILTER_ORDER + 1);
        return registration;
    }
}
