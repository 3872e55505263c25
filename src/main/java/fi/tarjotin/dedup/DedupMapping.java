package fi.tarjotin.dedup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The column mapping of the dedupe command: which input column holds each field. Only {@code id} and
 * {@code name} are required; an unknown key is an error, so a typo never silently drops a column.
 *
 * <pre>
 * columns:
 *   id: Tunnus
 *   name: Nimi
 *   street: Katuosoite
 *   postal-code: Postinumero
 *   city: Kunta
 *   phone: Puhelin
 *   email: Sähköposti
 *   website: Verkkosivu
 *   business-id: Y-tunnus
 * default-region: FI
 * </pre>
 */
record DedupMapping(Columns columns, String defaultRegion) {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE).build();

    record Columns(String id, String name, String street, String postalCode, String city, String phone,
            String email, String website, String businessId) {

        /** The mapped columns by their key in the mapping file, in the order of the file format. */
        Map<String, String> byKey() {
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put("id", id);
            columns.put("name", name);
            columns.put("street", street);
            columns.put("postal-code", postalCode);
            columns.put("city", city);
            columns.put("phone", phone);
            columns.put("email", email);
            columns.put("website", website);
            columns.put("business-id", businessId);
            columns.values().removeIf(column -> column == null || column.isBlank());
            return columns;
        }
    }

    static DedupMapping read(Path file) throws DedupInputException {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DedupInputException("the mapping " + file + " cannot be read: " + e);
        }
        return parse(content, file.toString());
    }

    /** Reads a mapping file's content; {@code name} says where it came from in messages. */
    static DedupMapping parse(byte[] content, String name) throws DedupInputException {
        DedupMapping read;
        try {
            read = YAML.readValue(content, DedupMapping.class);
        } catch (IOException e) {
            throw new DedupInputException("the mapping " + name + " cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        if (read == null || read.columns() == null) {
            throw new DedupInputException("the mapping " + name + " has no columns: section");
        }
        for (String required : new String[] {"id", "name"}) {
            if (!read.columns().byKey().containsKey(required)) {
                throw new DedupInputException("the mapping " + name + " must name the " + required
                        + " column (columns." + required + ")");
            }
        }
        String region = read.defaultRegion() == null || read.defaultRegion().isBlank() ? "FI"
                : read.defaultRegion().trim().toUpperCase(Locale.ROOT);
        if (!PhoneNumberUtil.getInstance().getSupportedRegions().contains(region)) {
            throw new DedupInputException("the mapping " + name + " has default-region " + read.defaultRegion()
                    + ", which is not a two-letter region code phone numbers know (FI, SE, DE …)");
        }
        return new DedupMapping(read.columns(), region);
    }
}
