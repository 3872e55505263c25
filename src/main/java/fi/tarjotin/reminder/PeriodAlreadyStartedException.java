package fi.tarjotin.reminder;

/** A period with this label has already been started (here or by another instance): the admin API answers 409. */
public class PeriodAlreadyStartedException extends RuntimeException {

    public PeriodAlreadyStartedException(String label) {
        super("reminder period " + label + " has already been started");
    }
}
