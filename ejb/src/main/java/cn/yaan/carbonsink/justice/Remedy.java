package cn.yaan.carbonsink.justice;

/** What a court orders to make good the carbon lost (docs/DOMAIN.md section 2). */
public enum Remedy {
    /** Replant trees, checked by survival inspections. */
    REPLANT,
    /** Buy units in lieu: the carbon lost times the court's multiplier. */
    PURCHASE_IN_LIEU,
    /** Both, as in Baoxing 2022 (70 spruce replanted and 24 t bought). */
    REPLANT_AND_PURCHASE,
    /** Replant; a shortfall at the final inspection converts into units in lieu. */
    REPLANT_ELSE_PURCHASE;

    public boolean replants() {
        return this != PURCHASE_IN_LIEU;
    }

    /** Whether units in lieu are due from the start (a REPLANT_ELSE_PURCHASE order owes them only after a shortfall). */
    public boolean purchasesFromTheStart() {
        return this == PURCHASE_IN_LIEU || this == REPLANT_AND_PURCHASE;
    }
}
