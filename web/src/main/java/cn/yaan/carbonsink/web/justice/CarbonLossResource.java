package cn.yaan.carbonsink.web.justice;

import cn.yaan.carbonsink.web.api.Conditional;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import cn.yaan.carbonsink.justice.CarbonCalculator;
import cn.yaan.carbonsink.justice.SpeciesParameters;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.math.BigDecimal;
import java.util.List;

/**
 * The carbon lost with damaged trees (docs/DOMAIN.md section 3): the species reference data, and the calculation a
 * court previews before it orders a restoration, with its working.
 */
@Path("v1")
@Tag(name = "Justice")
@Produces(MediaType.APPLICATION_JSON)
public class CarbonLossResource {

    @Inject
    CarbonCalculator calculator;

    @GET
    @Path("public/species")
    @PermitAll
    @Conditional(Conditional.MINUTE)
    @Extension(name = Conditional.EXTENSION, value = "true")
    @Operation(operationId = "listSpecies", summary = "Species parameters and their sources",
            description = "Species parameters (SVD, BEF, R, CF) in force today (one version of each species), with "
            + "their source, version and whether they are estimates")
    public List<SpeciesParameters> species() {
        return calculator.species();
    }

    @Schema(requiredProperties = {"carbonLossKg", "purchaseKg"})
    public record Answer(long carbonLossKg, BigDecimal multiplier, long purchaseKg, List<String> calculation) {
    }

    @POST
    @Path("public/carbon-loss")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "calculateCarbonLoss", summary = "Carbon lost with damaged trees",
            description = "Carbon lost with damaged trees: tCO2e = V x SVD x BEF x (1 + R) x CF x 44/12 per item, "
            + "summed, whole kg rounded half up at the end; purchaseKg = loss x multiplier (default 1)")
    public Answer calculate(CarbonCalculator.Request request) {
        CarbonCalculator.Result result = calculator.calculate(request);
        return new Answer(result.calculation().kg(), request.multiplierOrOne(), result.purchaseKg(),
                result.calculation().working());
    }
}
