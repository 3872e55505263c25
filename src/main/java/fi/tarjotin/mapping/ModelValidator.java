package fi.tarjotin.mapping;

import fi.tarjotin.model.Address;
import fi.tarjotin.model.LocalizedText;
import fi.tarjotin.model.Location;
import fi.tarjotin.model.Organization;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.model.Service;
import fi.tarjotin.model.ServiceArea;
import fi.tarjotin.model.ServiceAtLocation;
import fi.tarjotin.model.Taxonomies;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * What a mapped record must satisfy to enter the catalogue. A record that fails is rejected with the
 * first reason found; nothing is silently repaired here.
 */
@Component
class ModelValidator {

    private static final Pattern MUNICIPALITY = Pattern.compile("\\d{3}");

    private final Taxonomies taxonomies;

    ModelValidator(Taxonomies taxonomies) {
        this.taxonomies = taxonomies;
    }

    void validate(RecordKind kind, Object model) throws MappingException {
        if (model instanceof Organization organization) {
            requireName(organization.name());
            checkArea(organization.area());
            checkAddresses(organization.addresses());
        } else if (model instanceof Service service) {
            requireName(service.name());
            checkArea(service.area());
            checkCodes("category", service.categories(), taxonomies.activityCategoryCodes());
            checkCodes("need", service.needs(), taxonomies.needCodes());
        } else if (model instanceof Location location) {
            requireName(location.name());
            checkArea(location.area());
            checkAddresses(location.addresses());
        } else if (model instanceof ServiceAtLocation link) {
            if (isBlank(link.service()) || isBlank(link.location())) {
                throw new MappingException("a service at a location needs both a service and a location id");
            }
        } else {
            throw new IllegalArgumentException("no validation for " + kind);
        }
    }

    private static void requireName(LocalizedText name) throws MappingException {
        if (name == null || name.isEmpty()) {
            throw new MappingException("no name in Finnish, Swedish or English");
        }
    }

    private void checkArea(ServiceArea area) throws MappingException {
        if (area == null) {
            return;
        }
        checkMunicipalities(area.municipalities());
        checkCodes("wellbeing services county", area.wellbeingServicesCounties(),
                taxonomies.wellbeingServicesCountyCodes());
    }

    private void checkAddresses(List<Address> addresses) throws MappingException {
        if (addresses == null) {
            return;
        }
        for (Address address : addresses) {
            if (address.municipality() != null) {
                checkMunicipalities(List.of(address.municipality()));
            }
        }
    }

    private void checkMunicipalities(List<String> codes) throws MappingException {
        if (codes == null) {
            return;
        }
        for (String code : codes) {
            if (!MUNICIPALITY.matcher(code).matches() || !taxonomies.municipalityCodes().contains(code)) {
                throw new MappingException("unknown municipality code '" + code + "'");
            }
        }
    }

    private static void checkCodes(String what, List<String> codes, Set<String> known)
            throws MappingException {
        if (codes == null) {
            return;
        }
        for (String code : codes) {
            if (!known.contains(code)) {
                throw new MappingException("unknown " + what + " code '" + code + "'");
            }
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
