package cn.yaan.carbonsink.ledger;

/**
 * Who sees a sink project. A TEST project (one an officer tries the platform with) is kept out of everything public:
 * the public project list, the registry's retirements, what the buy page offers and picks, and the transparency
 * totals. A DEMO project (the demo data's) is shown, marked as demo, so nobody takes its figures for real ones.
 */
public enum ProjectVisibility {
    PUBLIC,
    TEST,
    DEMO
}
