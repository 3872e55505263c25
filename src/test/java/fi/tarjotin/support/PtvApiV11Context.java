package fi.tarjotin.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The second test context: PTV read through its v11 API (the default context reads v12), for the tests whose
 * fixtures have the v11 shape. The coverage tables list two municipalities, as the console's tests expect. Its
 * spreadsheet inbox is its own, so files the shared context's tests drop are not taken in here too.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@TestPropertySource(properties = {"tarjotin.sources.ptv.api-version=v11", "tarjotin.coverage.municipalities=297,749",
        "tarjotin.sources.spreadsheet.inbox=target/test-inbox/v11-context"})
public @interface PtvApiV11Context {
}
