package fi.tarjotin.needs;

import fi.tarjotin.model.InferredNeed;

/**
 * What a coordinator decided about one inferred need of one record: {@code confirm} keeps it (marked
 * confirmed, with the evidence it was confirmed on should its words go), {@code reject} keeps it off the
 * record however strongly its words signal it again.
 *
 * @param asDecided the inferred need as the coordinator saw it
 */
public record NeedDecision(String need, String decision, InferredNeed asDecided) {

    public static final String CONFIRM = "confirm";
    public static final String REJECT = "reject";

    public boolean confirms() {
        return CONFIRM.equals(decision);
    }

    public boolean rejects() {
        return REJECT.equals(decision);
    }
}
