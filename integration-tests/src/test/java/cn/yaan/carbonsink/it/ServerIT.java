package cn.yaan.carbonsink.it;

import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that runs against the suite's server: Arquillian starts the configured WildFly (managed
 * container) once for the whole run, with the real EAR deployed from its deployments folder, and stops it at the end.
 * Tests talk to it over HTTP ({@link Api}) and, where they must look behind the API, over JDBC ({@link TestDatabase}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ArquillianExtension.class)
public @interface ServerIT {
}
