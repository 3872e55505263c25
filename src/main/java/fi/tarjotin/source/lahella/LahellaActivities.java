package fi.tarjotin.source.lahella;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.tarjotin.model.RecordKind;
import fi.tarjotin.source.FetchedRecord;
import fi.tarjotin.source.ImportSink;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Turns the activities of a listing page into records, remembering across the pages of one run what it
 * has read. Each activity becomes a service (without its channels); each of its channels a location (the
 * channel without its schedule, with the activity's key, name and organiser) and a service at that
 * location (the whole channel: schedule and registration); its organiser, the first time the run meets
 * it, an organisation, taken from the groups the page links ({@code links.groups}, keyed by group key).
 *
 * <p>Activities that are not published, or whose visibility ended or has not begun, and activities
 * outside the configured regions are counted as skipped, so a full run retires what was imported of them
 * before. An item that is not an object or has no {@code _key}, and a channel without an {@code id}, are
 * rejected with the reason; the rest of the page goes on.
 */
final class LahellaActivities {

    private static final List<String> LANGUAGES = List.of("fi", "sv", "en");

    private final ObjectMapper json;
    private final URI baseUrl;
    private final LahellaRegions regions;
    private final ImportSink sink;
    private final long now;
    private final Set<String> activitiesRead = new HashSet<>();
    private final Set<String> organisersMet = new HashSet<>();
    private final Map<String, String> channelActivities = new HashMap<>();

    LahellaActivities(ObjectMapper json, URI baseUrl, LahellaRegions regions, ImportSink sink, Instant now) {
        this.json = json;
        this.baseUrl = baseUrl;
        this.regions = regions;
        this.sink = sink;
        this.now = now.toEpochMilli();
    }

    /** Whether every activity of these items was read earlier in this run: a page that repeats. */
    boolean allAlreadyRead(JsonNode items) {
        for (JsonNode item : items) {
            String key = key(item);
            if (key == null || !activitiesRead.contains(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The records of one page's in-scope activities; rejects and skips are reported to the sink.
     *
     * @param linkedGroups the page's {@code links.groups}: group key to group
     */
    List<FetchedRecord> records(URI location, JsonNode items, JsonNode linkedGroups) {
        List<FetchedRecord> records = new ArrayList<>();
        int skipped = 0;
        for (JsonNode item : items) {
            String key = key(item);
            if (key == null) {
                String reason = item.isObject() ? "activity has no _key" : "activity is not a JSON object";
                sink.reject(RecordKind.SERVICE, null, reason, location.toString(), item.toString());
                continue;
            }
            // An activity read twice (the listing shifted while it was paged) is the same activity.
            if (!activitiesRead.add(key)) {
                continue;
            }
            if (!visible(item) || !regions.cover(item.path("traits").path("region"))) {
                skipped++;
                continue;
            }
            records.add(new FetchedRecord(RecordKind.SERVICE, key, withoutChannels(item), null, activityUrl(key)));
            addChannels(records, location, key, item);
            addOrganiser(records, location, key, item, linkedGroups);
        }
        if (skipped > 0) {
            sink.skipped(skipped);
        }
        return records;
    }

    /**
     * Published, or with no status at all (lähellä.fi's tools then go by the visibility dates), and
     * within its visibility period.
     */
    private boolean visible(JsonNode activity) {
        String status = activity.path("status").asText(null);
        JsonNode visibility = activity.path("tags").path("visibility");
        boolean ended = visibility.path("end").isNumber() && visibility.path("end").asLong() < now;
        boolean notYetBegun = visibility.path("start").isNumber() && visibility.path("start").asLong() > now;
        return (status == null || status.equals("published")) && !ended && !notYetBegun;
    }

    private void addChannels(List<FetchedRecord> records, URI location, String key, JsonNode activity) {
        int position = 0;
        for (JsonNode channel : activity.path("traits").path("channels")) {
            position++;
            String id = channel.isObject() ? text(channel.get("id")) : null;
            if (id == null) {
                sink.reject(RecordKind.LOCATION, null, "channel " + position + " of activity " + key
                        + (channel.isObject() ? " has no id" : " is not a JSON object"), location.toString(),
                        channel.toString());
                continue;
            }
            String owner = channelActivities.putIfAbsent(id, key);
            if (owner != null) {
                sink.reject(RecordKind.LOCATION, id, "channel " + id + " of activity " + key
                        + " is already a channel of activity " + owner, location.toString(), channel.toString());
                continue;
            }
            records.add(new FetchedRecord(RecordKind.LOCATION, id, location(activity, key, channel), null,
                    activityUrl(key)));
            ObjectNode link = json.createObjectNode();
            link.putObject("activity").put("_key", key);
            link.set("channel", channel);
            records.add(new FetchedRecord(RecordKind.SERVICE_AT_LOCATION, key + "/" + id, link, null, activityUrl(key)));
        }
    }

    /** The channel without its schedule (which its service at location carries), and what the mapping needs of its activity. */
    private ObjectNode location(JsonNode activity, String key, JsonNode channel) {
        ObjectNode location = json.createObjectNode();
        ObjectNode owner = location.putObject("activity");
        owner.put("_key", key);
        if (activity.hasNonNull("group")) {
            owner.set("group", activity.get("group"));
        }
        ObjectNode names = owner.putObject("translations");
        for (String language : LANGUAGES) {
            JsonNode name = activity.path("traits").path("translations").path(language).path("name");
            if (!name.isMissingNode()) {
                names.putObject(language).set("name", name);
            }
        }
        ObjectNode place = ((ObjectNode) channel).deepCopy();
        place.remove("events");
        location.set("channel", place);
        return location;
    }

    private void addOrganiser(List<FetchedRecord> records, URI location, String key, JsonNode activity,
            JsonNode linkedGroups) {
        String group = text(activity.get("group"));
        if (group == null || !organisersMet.add(group)) {
            return;
        }
        JsonNode organiser = linkedGroups.path(group);
        if (!organiser.isObject()) {
            sink.reject(RecordKind.ORGANIZATION, group, "organiser " + group + " of activity " + key
                    + " is not among the groups the page links (links.groups)", location.toString(), activity.toString());
            return;
        }
        records.add(new FetchedRecord(RecordKind.ORGANIZATION, group, organiser, null, groupUrl(group)));
    }

    private ObjectNode withoutChannels(JsonNode activity) {
        ObjectNode service = ((ObjectNode) activity).deepCopy();
        if (service.path("traits").isObject()) {
            ((ObjectNode) service.get("traits")).remove("channels");
        }
        return service;
    }

    private String activityUrl(String key) {
        return UriComponentsBuilder.fromUri(baseUrl).path("/v1/activities/{key}").buildAndExpand(key).encode()
                .toUriString();
    }

    /** The group's activities with the group linked: the one documented way to read a group. */
    private String groupUrl(String group) {
        return UriComponentsBuilder.fromUri(baseUrl).path("/v1/activities").queryParam("groups[0]", group)
                .queryParam("links[groups]", true).build().encode().toUriString();
    }

    private static String key(JsonNode item) {
        return item.isObject() ? text(item.get("_key")) : null;
    }

    /** A string or number as text; null for anything else and for blanks. */
    private static String text(JsonNode value) {
        if (value == null || !(value.isTextual() || value.isIntegralNumber()) || value.asText().isBlank()) {
            return null;
        }
        return value.asText().strip();
    }
}
