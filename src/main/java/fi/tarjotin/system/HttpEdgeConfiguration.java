package fi.tarjotin.system;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * What every request meets before any controller, and how each layer below Spring MVC answers an error: as an
 * RFC 9457 problem document, never an HTML page (the query-string check, the firewall, Tomcat itself; Spring
 * MVC's and the error dispatch's are in {@link ProblemErrorController}).
 */
@Configuration(proxyBeanMethods = false)
class HttpEdgeConfiguration {

    /** First of all: nothing should act on parameters Tomcat could not decode. */
    @Bean
    FilterRegistrationBean<QueryStringCheck> queryStringCheck() {
        FilterRegistrationBean<QueryStringCheck> registration = new FilterRegistrationBean<>(new QueryStringCheck());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Before security and the API, so the client address and links come from trusted headers only. */
    @Bean
    FilterRegistrationBean<TrustedProxyForwardedHeaders> trustedProxyForwardedHeaders(SecurityProperties properties) {
        FilterRegistrationBean<TrustedProxyForwardedHeaders> registration = new FilterRegistrationBean<>(
                new TrustedProxyForwardedHeaders(properties.trustedProxies()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setDispatcherTypes(jakarta.servlet.DispatcherType.REQUEST, jakarta.servlet.DispatcherType.ERROR,
                jakarta.servlet.DispatcherType.ASYNC);
        return registration;
    }

    /** The firewall's refusals (encoded slashes, "..", unusual methods) as a 400 problem. */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler() {
        return (request, response, rejected) -> Problems.write(response, HttpServletResponse.SC_BAD_REQUEST,
                "The request was refused: its address or headers are not allowed here.", Map.of());
    }

    /**
     * Replaces Tomcat's HTML error report (which Spring Boot's customiser has already put in the host's
     * pipeline) with the problem-document one; runs after Boot's customiser for that reason.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    StandardHost host = (StandardHost) context.getParent();
                    for (Valve valve : host.getPipeline().getValves()) {
                        if (valve instanceof ErrorReportValve) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    host.getPipeline().addValve(new ProblemErrorReportValve());
                });
            }
        };
    }
}
