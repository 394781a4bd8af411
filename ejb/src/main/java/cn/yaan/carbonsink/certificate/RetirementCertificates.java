package cn.yaan.carbonsink.certificate;

import cn.yaan.carbonsink.ledger.OrderPurpose;
import cn.yaan.carbonsink.ledger.UnitsRetired;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;

/**
 * A direct purchase gets its certificate (碳汇认购证书) in the transaction that retires the units, so there is never
 * a retirement without its certificate. The schemes issue their own kinds for their purposes.
 */
@ApplicationScoped
public class RetirementCertificates {

    @Inject
    CertificateService certificates;

    void onRetired(@Observes UnitsRetired retired) {
        if (retired.purpose() == OrderPurpose.DIRECT) {
            certificates.issue(new CertificateService.Request(CertificateKind.RETIREMENT, retired.beneficiary(),
                    retired.quantityKg(), null, retired.serialBlocks(),
                    CertificateService.retirementRef(retired.retirementId()), CertificateService.issuer(), List.of()));
        }
    }
}
