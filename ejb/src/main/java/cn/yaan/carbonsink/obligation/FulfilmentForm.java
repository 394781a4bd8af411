package cn.yaan.carbonsink.obligation;

/**
 * How a duty was fulfilled: the eight official forms (全民义务植树尽责形式管理办法, 2017; docs/DOMAIN.md section 1) and
 * carbon-sink units bought for the duty (替代义务植树), counted in trees by the kg-per-tree setting.
 */
public enum FulfilmentForm {
    /** 造林绿化: planting, e.g. at an event (trees counted at attendance). */
    PLANTING,
    /** 抚育管护: tending. */
    TENDING,
    /** 自然保护: nature protection. */
    NATURE_PROTECTION,
    /** 认种认养: adopting trees. */
    ADOPTION,
    /** 设施修建: building facilities. */
    FACILITIES,
    /** 捐资捐物: donating money or goods. */
    DONATION,
    /** 志愿服务: volunteering. */
    VOLUNTEERING,
    /** 其他形式: anything else an officer records. */
    OTHER,
    /** Carbon-sink units retired for the duty. */
    CARBON_UNITS
}
