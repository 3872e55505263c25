package fi.tarjotin.dedup;

/** What happens to a scored pair: merged automatically, queued for a person to decide, or left apart. */
public enum Band {
    MATCH, POSSIBLE, NON_MATCH
}
