package cn.yaan.carbonsink.certificate;

/**
 * What a certificate attests. The letter starts its number; titles are in the message bundles
 * ({@code certificate.kind.<NAME>}).
 */
public enum CertificateKind {
    /** 碳汇认购证书: a direct purchase of units. */
    RETIREMENT('R'),
    /** 义务植树尽责证书: the yearly tree-planting duty fulfilled. */
    PUBLIC_DUTY('D'),
    /** 国土绿化荣誉证书: duty fulfilled beyond the required. */
    PUBLIC_DUTY_HONOUR('H'),
    /** 生态修复履行证明: a court's restoration order fulfilled. */
    RESTORATION('J'),
    /** 碳中和游览证书: a visit offset by retired units. */
    CARBON_NEUTRAL_VISIT('V');

    public final char letter;

    CertificateKind(char letter) {
        this.letter = letter;
    }

    private static final CertificateKind[] ALL = values();

    static CertificateKind ofLetter(char letter) {
        for (CertificateKind kind : ALL) {
            if (kind.letter == letter) {
                return kind;
            }
        }
        return null;
    }
}
