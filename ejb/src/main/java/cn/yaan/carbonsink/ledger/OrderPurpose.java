package cn.yaan.carbonsink.ledger;

/** Why units are bought: which scheme an order or a retirement belongs to. */
public enum OrderPurpose {
    /** 碳汇+公众义务: the compulsory tree-planting duty. */
    PUBLIC_DUTY,
    /** 碳汇+司法: a court's restoration order, units in lieu. */
    RESTORATION,
    /** 碳汇+生态旅游: offsetting a visit. */
    VISIT,
    /** Direct purchases, for example enterprises (碳汇+产业). */
    DIRECT
}
