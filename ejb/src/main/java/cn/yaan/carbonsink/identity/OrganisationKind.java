package cn.yaan.carbonsink.identity;

/** The kinds of organisation an account can belong to; each scopes what its members see. */
public enum OrganisationKind {
    COURT,
    SCENIC_SITE,
    FORESTRY_BUREAU,
    /** An enterprise, individual business or co-operative (its credit code registered by the market regulator, 9). */
    ENTERPRISE,
    /** An organ of state, public institution, social organisation or other body (any other registration authority). */
    PUBLIC_BODY;

    /** Enterprises and public bodies register themselves with their unified social credit code and offset. */
    public boolean registersItself() {
        return this == ENTERPRISE || this == PUBLIC_BODY;
    }
}
