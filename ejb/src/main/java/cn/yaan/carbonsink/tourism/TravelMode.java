package cn.yaan.carbonsink.tourism;

/** How a party travels to the site; the car modes are counted per car-km and shared by the car's occupants. */
public enum TravelMode {
    CAR(true),
    ELECTRIC_CAR(true),
    COACH(false),
    RAIL(false),
    FLIGHT(false);

    /** Whether the factor is per car-km (divided by the occupants) rather than per passenger-km. */
    public final boolean perCar;

    TravelMode(boolean perCar) {
        this.perCar = perCar;
    }
}
