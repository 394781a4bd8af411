package cn.yaan.carbonsink.justice;

/**
 * Where a restoration order stands: {@code REGISTERED} -> {@code IN_PROGRESS} (first planting, purchase or payment)
 * -> {@code FULFILLED}; {@code OVERDUE} when the planting due date passed with trees still unplanted (back to
 * {@code IN_PROGRESS} once they are); {@code CONVERTED} when a replanting shortfall became units in lieu, until they
 * are retired.
 */
public enum RestorationStatus {
    REGISTERED, IN_PROGRESS, OVERDUE, CONVERTED, FULFILLED
}
