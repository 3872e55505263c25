package fi.tarjotin.system;

import com.dashjoin.jsonata.Jsonata;

/**
 * Evaluates a compiled JSONata expression so that nothing of one evaluation is left for the next. jsonata-java
 * 0.9.8 keeps the frame of the latest evaluation step in the {@code Jsonata} constructed last on the thread, and
 * its next {@code evaluate} starts in that frame: evaluated again and again, an expression's frames chain up
 * input after input, every variable and function lookup walks the whole chain, and evaluation slows down with
 * every input (a national PTV import fell from thousands of records/s to tens). A throwaway expression
 * constructed just before takes that leftover frame instead, and the input is evaluated in a new frame of its
 * own under the compiled expression's functions. The library saves and restores the frame itself after 0.9.9
 * (dashjoin/jsonata-java commit 99fc99d, "Save + restore context during evaluate"); with such a release this
 * may become a plain {@code evaluate(input)}.
 */
public final class JsonataEvaluation {

    /** The throwaway expression; never evaluated. */
    private static final String LEFTOVER_FRAME_HOLDER = "$";

    private JsonataEvaluation() {
    }

    /** The expression's value for this input, evaluated apart from every evaluation before it. */
    public static Object evaluateAlone(Jsonata expression, Object input) {
        Jsonata.jsonata(LEFTOVER_FRAME_HOLDER);
        return expression.evaluate(input, expression.createFrame());
    }
}
