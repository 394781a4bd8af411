package cn.yaan.carbonsink.identity;

/** The kinds of organisation an account can belong to; each scopes what its members see. */
public enum OrganisationKind {
    COURT,
    SCENIC_SITE,
    FORESTRY_BUREAU
}
