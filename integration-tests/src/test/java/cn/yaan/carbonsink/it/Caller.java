package cn.yaan.carbonsink.it;

/**
 * The callers every endpoint is tried with: anonymous, each role of the demo data, and members of a second court
 * and (once sites exist) a second site (gate staff and managers), who must not see the first one's records; the demo
 * enterprise's account (ORG_ADMIN and ORG_BUYER).
 */
public enum Caller {
    ANONYMOUS(null),
    CITIZEN("citizen"),
    COURT("court"),
    OTHER_COURT("court2"),
    OFFICER("officer"),
    GATE("gate"),
    OTHER_GATE("gate2"),
    MANAGER("manager"),
    OTHER_MANAGER("manager2"),
    ENTERPRISE("enterprise"),
    ADMIN("admin");

    public final String username;

    Caller(String username) {
        this.username = username;
    }
}
