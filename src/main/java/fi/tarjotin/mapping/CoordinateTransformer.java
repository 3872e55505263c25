package fi.tarjotin.mapping;

import fi.tarjotin.model.Coordinates;
import org.locationtech.proj4j.BasicCoordinateTransform;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.ProjCoordinate;
import org.springframework.stereotype.Component;

/** Converts Finnish ETRS-TM35FIN (EPSG:3067) coordinates, as PTV sends them, to WGS84 (EPSG:4326) with proj4j. */
@Component
public class CoordinateTransformer {

    // The bounding box of EPSG:3067's area of use (Finland and its sea areas), with a margin.
    private static final double MIN_EASTING = 40_000;
    private static final double MAX_EASTING = 800_000;
    private static final double MIN_NORTHING = 6_500_000;
    private static final double MAX_NORTHING = 7_900_000;

    private final ThreadLocal<CoordinateTransform> etrsToWgs84;

    public CoordinateTransformer() {
        CRSFactory factory = new CRSFactory();
        var etrsTm35Fin = factory.createFromName("EPSG:3067");
        var wgs84 = factory.createFromName("EPSG:4326");
        // proj4j transforms keep per-call state, so each thread gets its own.
        this.etrsToWgs84 = ThreadLocal.withInitial(() -> new BasicCoordinateTransform(etrsTm35Fin, wgs84));
    }

    /**
     * @return the WGS84 point, rounded to 6 decimals (about 0.1 m), or null when the pair is not a point in Finland
     */
    public Coordinates fromEtrsTm35Fin(double easting, double northing) {
        if (easting < MIN_EASTING || easting > MAX_EASTING || northing < MIN_NORTHING || northing > MAX_NORTHING) {
            return null;
        }
        ProjCoordinate result = etrsToWgs84.get().transform(new ProjCoordinate(easting, northing), new ProjCoordinate());
        return new Coordinates(round(result.y), round(result.x));
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1_000_000d) / 1_000_000d;
    }
}
