package fi.tarjotin.model;



/** A WGS84 point (EPSG:4326), converted from the source's system at mapping time. */
public record Coordinates(double latitude, double longitude) {
}
