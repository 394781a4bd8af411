package cn.yaan.carbonsink.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The database in the server's own readiness probe (MicroProfile Health, {@code /health/ready} on the management
 * port): WildFly reports the node ready only when its deployments are up and this check answers UP. The
 * application's {@code /api/v1/health/ready} checks the same on the public port. It lives in the EJB module: WildFly
 * looks for the checks of an EAR from its top level, which sees the EJB module's beans but not the WAR's.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    HealthService health;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("database").status(health.databaseUp()).build();
    }
}
