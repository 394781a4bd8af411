package cn.yaan.carbonsink.identity;

/** What an account may do. An account holds one or more roles; a court or site role is scoped by its organisation. */
public enum Role {
    /** A citizen or visitor (公众): own duty, own bookings, own purchases. */
    CITIZEN,
    /** A court clerk or judge (法院): the restoration orders of the account's own court. */
    COURT,
    /** A forestry officer (林业局): projects, issuances, sites, events, inspections, reference data. */
    OFFICER,
    /** Gate staff of one scenic site (景区检票员): check-ins at the account's own site. */
    SITE_OPERATOR,
    /** The manager of one scenic site (景区管理员): the own site's details, slots, capacities and closures. */
    SITE_MANAGER,
    /** The administrator of an enterprise or public body (单位管理员): its registration, its members, its purchases. */
    ORG_ADMIN,
    /** A buyer of an enterprise or public body (单位采购员): the organisation's statements and purchases. */
    ORG_BUYER,
    /** Accounts, keys, revocations, audit-ledger checks. */
    ADMIN;

    /** The role names as Jakarta Security groups and {@code @RolesAllowed} values. */
    public static final class Names {
        public static final String CITIZEN = "CITIZEN";
        public static final String COURT = "COURT";
        public static final String OFFICER = "OFFICER";
        public static final String SITE_OPERATOR = "SITE_OPERATOR";
        public static final String SITE_MANAGER = "SITE_MANAGER";
        public static final String ORG_ADMIN = "ORG_ADMIN";
        public static final String ORG_BUYER = "ORG_BUYER";
        public static final String ADMIN = "ADMIN";

        private Names() {
        }
    }
}
