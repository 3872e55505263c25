package fi.tarjotin.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fi.tarjotin.model.Coordinates;
import org.junit.jupiter.api.Test;

class CoordinateTransformerTests {

    private final CoordinateTransformer transformer = new CoordinateTransformer();

    @Test
    void falseEastingLiesOnTheCentralMeridian27E() {
        Coordinates point = transformer.fromEtrsTm35Fin(500_000, 6_973_969.897);

        assertThat(point.longitude()).isEqualTo(27.0);
    }

    @Test
    void kuopioMarketSquareMatchesAnIndependentTransverseMercatorInverse() {
        // Reference values from the closed-form inverse of GRS80 Transverse Mercator (k0 0.9996, lon0 27°E,
        // false easting 500 km) computed outside this code base.
        Coordinates point = transformer.fromEtrsTm35Fin(534_288.388, 6_973_969.897);

        assertThat(point.latitude()).isCloseTo(62.894100, within(0.000002));
        assertThat(point.longitude()).isCloseTo(27.674500, within(0.000002));
    }

    @Test
    void pairsOutsideFinlandAreNotPoints() {
        assertThat(transformer.fromEtrsTm35Fin(0, 0)).isNull();
        assertThat(transformer.fromEtrsTm35Fin(6_973_969.897, 534_288.388)).as("swapped axes").isNull();
    }
}
